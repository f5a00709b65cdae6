using FluentValidation;

namespace PasswordManager.Application.Auth.Mfa.EnrolTotp;

internal sealed class EnrolTotpCommandValidator : AbstractValidator<EnrolTotpCommand>
{
    public EnrolTotpCommandValidator() => RuleFor(c => c.AuthHash).AuthHash();
}
