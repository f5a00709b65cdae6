using FluentValidation;
using PasswordManager.Application.Auth.Accounts;

namespace PasswordManager.Application.Auth.Mfa.DisableMfa;

internal sealed class DisableMfaCommandValidator : AbstractValidator<DisableMfaCommand>
{
    public DisableMfaCommandValidator()
    {
        RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
        this.OneSecondFactor(c => c.Code, c => c.RecoveryCode);
    }
}
