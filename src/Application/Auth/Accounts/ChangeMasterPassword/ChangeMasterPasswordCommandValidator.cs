using FluentValidation;
using PasswordManager.Application.Auth.Mfa;

namespace PasswordManager.Application.Auth.Accounts.ChangeMasterPassword;

internal sealed class ChangeMasterPasswordCommandValidator : AbstractValidator<ChangeMasterPasswordCommand>
{
    public ChangeMasterPasswordCommandValidator()
    {
        RuleFor(c => c.CurrentAuthHash).MustBeAuthHash("currentAuthHash");
        RuleFor(c => c.NewAuthHash).MustBeAuthHash("newAuthHash");
        RuleFor(c => c.Kdf).MustBeAcceptedKdf();
        RuleFor(c => c.KdfSalt).MustBeKdfSalt();
        RuleFor(c => c.EncryptedUserKey).MustBeEncryptedUserKey();
        this.OptionalSecondFactor(c => c.Code, c => c.RecoveryCode);
    }
}
