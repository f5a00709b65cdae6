using FluentValidation;

namespace PasswordManager.Application.Auth.Accounts.SetPasswordHint;

internal sealed class SetPasswordHintCommandValidator : AbstractValidator<SetPasswordHintCommand>
{
    public SetPasswordHintCommandValidator()
    {
        RuleFor(c => c.PasswordHint).MustBePasswordHint();
    }
}
