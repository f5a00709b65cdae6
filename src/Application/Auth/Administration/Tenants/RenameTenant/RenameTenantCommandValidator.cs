using FluentValidation;

namespace PasswordManager.Application.Auth.Administration.Tenants.RenameTenant;

internal sealed class RenameTenantCommandValidator : AbstractValidator<RenameTenantCommand>
{
    public RenameTenantCommandValidator() => RuleFor(c => c.Name).MustBeTenantName();
}
