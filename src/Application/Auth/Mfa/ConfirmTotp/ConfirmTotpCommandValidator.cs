using FluentValidation;

namespace PasswordManager.Application.Auth.Mfa.ConfirmTotp;

internal sealed class ConfirmTotpCommandValidator : AbstractValidator<ConfirmTotpCommand>
{
    public ConfirmTotpCommandValidator() => RuleFor(c => c.Code).NotEmpty().TotpCode();
}
