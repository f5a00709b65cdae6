using FluentValidation;

namespace PasswordManager.Application.Auth.Accounts.VerifyEmail;

internal sealed class VerifyEmailCommandValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailCommandValidator() => RuleFor(c => c.Code).NotEmpty().MaximumLength(128);
}
