using Mediator;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Contracts.Billing;

/// <summary>
/// Whether the tenant's plan offers the second factor <paramref name="Method"/> (<see cref="MfaMethod"/>) for a new
/// enrolment; <see cref="QuotaExceeded"/> with limit 0 when it does not. Factors already enabled keep working.
/// </summary>
public sealed record CheckMfaMethodQuery(Guid TenantId, string Method) : IQuery<Result>;

public static class MfaMethod
{
    public const string Totp = "totp";
}
