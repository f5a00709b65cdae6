using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Tenants;

internal static class TenantNameRules
{
    public static IRuleBuilderOptions<T, string> MustBeTenantName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Tenant.MaxNameLength).Must(name => name is null || name.Trim().Length > 0).WithMessage("name must not be blank.");

    /// <summary>Names are compared trimmed and case-insensitively, so <c>pm admin tenant</c> can name a tenant unambiguously.</summary>
    public static Task<bool> IsTakenAsync(IAuthDbContext db, string name, TenantId? except, CancellationToken cancellationToken)
    {
        var normalized = name.Trim().ToLowerInvariant();
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(); string.Equals with a comparison is not
        return db.Tenants.AnyAsync(t => t.Name.ToLower() == normalized && (except == null || t.Id != except), cancellationToken);
#pragma warning restore CA1862, CA1304, CA1311
    }
}
