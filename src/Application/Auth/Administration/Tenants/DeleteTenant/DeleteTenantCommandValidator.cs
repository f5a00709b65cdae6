using FluentValidation;
using PasswordManager.Domain.Auth.Tenants;

namespace PasswordManager.Application.Auth.Administration.Tenants.DeleteTenant;

internal sealed class DeleteTenantCommandValidator : AbstractValidator<DeleteTenantCommand>
{
    public DeleteTenantCommandValidator() => RuleFor(c => c.ConfirmName).MaximumLength(Tenant.MaxNameLength);
}
