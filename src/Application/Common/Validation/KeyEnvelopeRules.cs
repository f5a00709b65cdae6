using FluentValidation;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Common.Validation;

/// <summary>Format checks of client key material that several modules receive (access records, invitations, key rotation).</summary>
internal static class KeyEnvelopeRules
{
    public const int SignatureLength = 64;

    public static IRuleBuilderOptions<T, string> SealedKey<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(k => EnvelopeFormat.TryDecodeBase64(k) is { } bytes && EnvelopeFormat.IsSealedKey(bytes))
            .WithMessage($"wrappedKey must be a v1 sealed key envelope ({EnvelopeFormat.SealedKeyLength} bytes), base64-encoded.");

    public static IRuleBuilderOptions<T, string> Signature<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(s => EnvelopeFormat.TryDecodeBase64(s)?.Length == SignatureLength)
            .WithMessage($"granterSignature must be an Ed25519 signature ({SignatureLength} bytes), base64-encoded.");
}
