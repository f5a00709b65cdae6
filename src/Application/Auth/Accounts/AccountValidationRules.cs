using FluentValidation;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts;

/// <summary>Format rules for the client-produced account material that several commands carry.</summary>
internal static class AccountValidationRules
{
    public const int MaxPasswordHintLength = 120;

    public static IRuleBuilderOptions<T, string> MustBeAuthHash<T>(this IRuleBuilder<T, string> rule, string name) =>
        rule.Must(b => EnvelopeFormat.TryDecodeBase64(b)?.Length == EnvelopeFormat.AuthHashLength)
            .WithMessage($"{name} must be {EnvelopeFormat.AuthHashLength} bytes, base64-encoded.");

    public static IRuleBuilderOptions<T, KdfParameters> MustBeAcceptedKdf<T>(this IRuleBuilder<T, KdfParameters> rule) =>
        rule.NotNull().Must(k => k is null || k.IsWithinLimits())
            .WithMessage($"kdf must be Argon2id with memoryKiB {KdfParameters.MinMemoryKiB}–{KdfParameters.MaxMemoryKiB}, iterations {KdfParameters.MinIterations}–{KdfParameters.MaxIterations} and parallelism 1.");

    public static IRuleBuilderOptions<T, string> MustBeKdfSalt<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(b => EnvelopeFormat.TryDecodeBase64(b)?.Length == EnvelopeFormat.KdfSaltLength)
            .WithMessage($"kdfSalt must be {EnvelopeFormat.KdfSaltLength} bytes, base64-encoded.");

    public static IRuleBuilderOptions<T, string> MustBeEncryptedUserKey<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(b => EnvelopeFormat.TryDecodeBase64(b) is { } bytes && EnvelopeFormat.IsSymmetricEnvelope(bytes, EnvelopeFormat.KeyLength))
            .WithMessage("encryptedUserKey is not a v1 encrypted key envelope.");

    /// <summary>Stored in plain text and shown to people: bounded (control characters are refused for every request at the edge, ADR-0015).</summary>
    public static IRuleBuilderOptions<T, string?> MustBePasswordHint<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(MaxPasswordHintLength);
}
