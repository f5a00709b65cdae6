using FluentValidation;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault;

internal static class VaultValidationRules
{
    public const int SignatureLength = 64;

    public static IRuleBuilderOptions<T, string> SealedKey<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(k => EnvelopeFormat.TryDecodeBase64(k) is { } bytes && EnvelopeFormat.IsSealedKey(bytes))
            .WithMessage($"wrappedKey must be a v1 sealed key envelope ({EnvelopeFormat.SealedKeyLength} bytes), base64-encoded.");

    public static IRuleBuilderOptions<T, string> Signature<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(s => EnvelopeFormat.TryDecodeBase64(s)?.Length == SignatureLength)
            .WithMessage($"granterSignature must be an Ed25519 signature ({SignatureLength} bytes), base64-encoded.");

    public static IRuleBuilderOptions<T, string?> EntryCiphertext<T>(this IRuleBuilder<T, string?> rule, int maxBytes) =>
        rule.Must(c => EnvelopeFormat.TryDecodeBase64(c) is { } bytes
                && bytes.Length <= maxBytes
                && EnvelopeFormat.IsSymmetricEnvelope(bytes, 0, maxBytes))
            .WithMessage($"ciphertext must be a v1 encrypted envelope of at most {maxBytes} bytes, base64-encoded.");
}
