using FluentValidation;
using PasswordManager.Application.Common.Paging;
using PasswordManager.Domain.Auth.Tenants;

namespace PasswordManager.Application.Auth.Administration.Tenants.ListTenants;

internal sealed class ListTenantsQueryValidator : AbstractValidator<ListTenantsQuery>
{
    public ListTenantsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidPageLimit();
        RuleFor(q => q.After).MaximumLength(Tenant.MaxNameLength);
    }
}
