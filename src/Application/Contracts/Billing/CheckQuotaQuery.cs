using Mediator;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Contracts.Billing;

/// <summary>
/// Whether <paramref name="Adding"/> more on top of <paramref name="Usage"/> stays within the tenant's
/// <paramref name="Entitlement"/> (<see cref="QuotaExceeded"/> otherwise). For usage the caller counts itself under a
/// lock it holds (members of a locked vault, sessions of a locked user).
/// </summary>
public sealed record CheckQuotaQuery(Guid TenantId, string Entitlement, long Usage, long Adding = 1) : IQuery<Result>;

/// <summary>The tenant's limit for <paramref name="Entitlement"/>, or null when unlimited.</summary>
public sealed record GetEntitlementLimitQuery(Guid TenantId, string Entitlement) : IQuery<long?>;
