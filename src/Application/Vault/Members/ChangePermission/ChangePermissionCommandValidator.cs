using FluentValidation;
using PasswordManager.Application.Common.Validation;

namespace PasswordManager.Application.Vault.Members.ChangePermission;

internal sealed class ChangePermissionCommandValidator : AbstractValidator<ChangePermissionCommand>
{
    public ChangePermissionCommandValidator()
    {
        RuleFor(c => c.MemberId).NotEmpty();
        RuleFor(c => c.Permission).IsInEnum();
        RuleFor(c => c.GranterSignature).Signature();
    }
}
