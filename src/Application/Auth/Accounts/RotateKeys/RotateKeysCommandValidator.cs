using FluentValidation;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Common.Validation;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.RotateKeys;

internal sealed class RotateKeysCommandValidator : AbstractValidator<RotateKeysCommand>
{
    /// <summary>One record per vault membership and per record signed for others; far above any real account.</summary>
    public const int MaxAccessRecords = 10_000;

    public RotateKeysCommandValidator()
    {
        RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
        this.OptionalSecondFactor(c => c.Code, c => c.RecoveryCode);
        RuleFor(c => c.EncryptedPrivateKeys)
            .Must(b => EnvelopeFormat.TryDecodeBase64(b) is { } bytes && EnvelopeFormat.IsSymmetricEnvelope(bytes, 2 * EnvelopeFormat.KeyLength))
            .WithMessage("encryptedPrivateKeys is not a v1 encrypted private-key envelope.");
        RuleFor(c => c.PublicKeyBundle)
            .Must((c, b) => EnvelopeFormat.TryDecodeBase64(b) is { } bytes && EnvelopeFormat.IsPublicKeyBundleOf(bytes, c.UserId.Value))
            .WithMessage("publicKeyBundle is not a v1 public key bundle of this account.");
        RuleFor(c => c.Handover)
            .Must(h => EnvelopeFormat.TryDecodeBase64(h) is { Length: > 0 } bytes && bytes.Length == EnvelopeFormat.KeyHandoverLengthOf(bytes[0]))
            .WithMessage(
                $"handover must be a key hand-over statement, version 2 ({EnvelopeFormat.BackLinkedKeyHandoverLength} bytes) " +
                $"or version 1 ({EnvelopeFormat.KeyHandoverLength} bytes), base64-encoded.");
        RuleFor(c => c.AccessRecords)
            .NotNull()
            .Must(r => r is null || r.Count <= MaxAccessRecords).WithMessage($"accessRecords holds at most {MaxAccessRecords} records.")
            .Must(r => r is null || r.DistinctBy(x => (x.VaultId, x.UserId)).Count() == r.Count)
            .WithMessage("accessRecords names a record (vaultId, userId) twice.");
        RuleForEach(c => c.AccessRecords).ChildRules(record =>
        {
            record.RuleFor(r => r.VaultId).NotEmpty();
            record.RuleFor(r => r.UserId).NotEmpty();
            record.RuleFor(r => r.KeyEpoch).GreaterThan(0);
            record.RuleFor(r => r.GranterSignature).Signature();
            record.RuleFor(r => r.WrappedKey!).SealedKey().When(r => r.WrappedKey is not null);
        });
        RuleForEach(c => c.AccessRecords)
            .Must((c, r) => r is null || (r.UserId == c.UserId.Value) == (r.WrappedKey is not null))
            .WithMessage("Your own access records carry the re-sealed wrappedKey; other members' records carry none (they are only re-signed).");
    }
}
