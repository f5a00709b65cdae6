using FluentValidation;
using PasswordManager.Application.Auth.Mfa;

namespace PasswordManager.Application.Auth.Sessions.LoginMfa;

internal sealed class LoginMfaCommandValidator : AbstractValidator<LoginMfaCommand>
{
    public LoginMfaCommandValidator()
    {
        RuleFor(c => c.Ticket).NotEmpty().MaximumLength(64)
            .Must(t => t is null || t.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')).WithMessage("The ticket is malformed.");
        RuleFor(c => c.DeviceId).NotEmpty();
        this.OneSecondFactor(c => c.Code, c => c.RecoveryCode);
    }
}
