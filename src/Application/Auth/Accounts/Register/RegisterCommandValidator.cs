using FluentValidation;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.Register;

internal sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public RegisterCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Username)
            .Must(Username.IsValid)
            .WithMessage($"Username must be {Username.MinLength}–{Username.MaxLength} characters: letters, digits and . _ @ + -, starting with a letter or digit.");
        RuleFor(c => c.Email).MaximumLength(254).EmailAddress().When(c => c.Email is not null);
        RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
        RuleFor(c => c.Kdf).MustBeAcceptedKdf();
        RuleFor(c => c.KdfSalt).MustBeKdfSalt();
        RuleFor(c => c.EncryptedUserKey).MustBeEncryptedUserKey();
        RuleFor(c => c.EncryptedPrivateKeys)
            .Must(b => EnvelopeFormat.TryDecodeBase64(b) is { } bytes && EnvelopeFormat.IsSymmetricEnvelope(bytes, 2 * EnvelopeFormat.KeyLength))
            .WithMessage("encryptedPrivateKeys is not a v1 encrypted private-key envelope.");
        RuleFor(c => c.PublicKeyBundle)
            .Must((c, b) => EnvelopeFormat.TryDecodeBase64(b) is { } bytes && EnvelopeFormat.IsPublicKeyBundleOf(bytes, c.UserId))
            .WithMessage("publicKeyBundle is not a v1 public key bundle of this userId.");
        RuleFor(c => c.PasswordHint).MustBePasswordHint();
        RuleFor(c => c.InvitationCode).MaximumLength(128);
        RuleFor(c => c.OidcIdentityTicket).MaximumLength(128);
    }
}
