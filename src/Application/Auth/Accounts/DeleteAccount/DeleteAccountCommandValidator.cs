using FluentValidation;
using PasswordManager.Application.Auth.Mfa;

namespace PasswordManager.Application.Auth.Accounts.DeleteAccount;

internal sealed class DeleteAccountCommandValidator : AbstractValidator<DeleteAccountCommand>
{
    public DeleteAccountCommandValidator()
    {
        RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
        this.OptionalSecondFactor(c => c.Code, c => c.RecoveryCode);
    }
}
