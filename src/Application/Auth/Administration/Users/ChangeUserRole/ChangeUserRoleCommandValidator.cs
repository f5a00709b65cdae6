using FluentValidation;

namespace PasswordManager.Application.Auth.Administration.Users.ChangeUserRole;

internal sealed class ChangeUserRoleCommandValidator : AbstractValidator<ChangeUserRoleCommand>
{
    public ChangeUserRoleCommandValidator() => RuleFor(c => c.Role).NotNull().IsInEnum();
}
