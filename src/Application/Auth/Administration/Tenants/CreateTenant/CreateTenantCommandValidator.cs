using FluentValidation;

namespace PasswordManager.Application.Auth.Administration.Tenants.CreateTenant;

internal sealed class CreateTenantCommandValidator : AbstractValidator<CreateTenantCommand>
{
    public CreateTenantCommandValidator()
    {
        RuleFor(c => c.Name).MustBeTenantName();
        RuleFor(c => c.OwnerEmail).NotEmpty().MaximumLength(254).EmailAddress();
    }
}
