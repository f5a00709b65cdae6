using FluentValidation;

namespace PasswordManager.Application.Auth.Accounts.DeleteAccount;

internal sealed class DeleteAccountCommandValidator : AbstractValidator<DeleteAccountCommand>
{
    public DeleteAccountCommandValidator()
    {
        RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
    }
}
