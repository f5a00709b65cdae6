using FluentValidation;

namespace PasswordManager.Application.Auth.Mfa.DisableMfa;

internal sealed class DisableMfaCommandValidator : AbstractValidator<DisableMfaCommand>
{
    public DisableMfaCommandValidator()
    {
        RuleFor(c => c.AuthHash).AuthHash();
        this.OneSecondFactor(c => c.Code, c => c.RecoveryCode);
    }
}
