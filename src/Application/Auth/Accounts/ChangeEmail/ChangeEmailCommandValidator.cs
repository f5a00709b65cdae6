using FluentValidation;

namespace PasswordManager.Application.Auth.Accounts.ChangeEmail;

internal sealed class ChangeEmailCommandValidator : AbstractValidator<ChangeEmailCommand>
{
    public ChangeEmailCommandValidator()
    {
        RuleFor(c => c.Email).MaximumLength(254).EmailAddress().When(c => c.Email is not null);
        RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
        RuleFor(c => c.Code).MaximumLength(16);
        RuleFor(c => c.RecoveryCode).MaximumLength(64);
    }
}
