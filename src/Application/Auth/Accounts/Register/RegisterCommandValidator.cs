using FluentValidation;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.Register;

internal sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public const int MaxPasswordHintLength = 120;

    public RegisterCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Username)
            .Must(Username.IsValid)
            .WithMessage($"Username must be {Username.MinLength}–{Username.MaxLength} characters: letters, digits and . _ @ + -, starting with a letter or digit.");
        RuleFor(c => c.Email).MaximumLength(254).EmailAddress().When(c => c.Email is not null);
        RuleFor(c => c.AuthHash).Must(b => EnvelopeFormat.TryDecodeBase64(b)?.Length == EnvelopeFormat.AuthHashLength)
            .WithMessage($"authHash must be {EnvelopeFormat.AuthHashLength} bytes, base64-encoded.");
        RuleFor(c => c.Kdf).Cascade(CascadeMode.Stop).NotNull().Must(k => k.IsWithinLimits())
            .WithMessage($"kdf must be Argon2id with memoryKiB {KdfParameters.MinMemoryKiB}–{KdfParameters.MaxMemoryKiB}, iterations {KdfParameters.MinIterations}–{KdfParameters.MaxIterations} and parallelism 1.");
        RuleFor(c => c.KdfSalt).Must(b => EnvelopeFormat.TryDecodeBase64(b)?.Length == EnvelopeFormat.KdfSaltLength)
            .WithMessage($"kdfSalt must be {EnvelopeFormat.KdfSaltLength} bytes, base64-encoded.");
        RuleFor(c => c.EncryptedUserKey)
            .Must(b => EnvelopeFormat.TryDecodeBase64(b) is { } bytes && EnvelopeFormat.IsSymmetricEnvelope(bytes, EnvelopeFormat.KeyLength))
            .WithMessage("encryptedUserKey is not a v1 encrypted key envelope.");
        RuleFor(c => c.EncryptedPrivateKeys)
            .Must(b => EnvelopeFormat.TryDecodeBase64(b) is { } bytes && EnvelopeFormat.IsSymmetricEnvelope(bytes, 2 * EnvelopeFormat.KeyLength))
            .WithMessage("encryptedPrivateKeys is not a v1 encrypted private-key envelope.");
        RuleFor(c => c.PublicKeyBundle)
            .Must((c, b) => EnvelopeFormat.TryDecodeBase64(b) is { } bytes && EnvelopeFormat.IsPublicKeyBundleOf(bytes, c.UserId))
            .WithMessage("publicKeyBundle is not a v1 public key bundle of this userId.");
        RuleFor(c => c.PasswordHint).MaximumLength(MaxPasswordHintLength);
        RuleFor(c => c.InvitationCode).MaximumLength(128);
    }
}
