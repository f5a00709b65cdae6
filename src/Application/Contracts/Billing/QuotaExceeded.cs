using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Contracts.Billing;

/// <summary>
/// The write would take the tenant (or vault, or user) past what its plan allows; nothing was written. A feature the
/// plan does not include has <see cref="Limit"/> 0.
/// </summary>
public sealed record QuotaExceeded(string Entitlement, long Limit, long Usage)
    : ForbiddenError("billing.quota_exceeded", Limit == 0
        ? $"The plan does not include this ({Entitlement}). Ask an admin for a larger plan."
        : $"The plan allows {Limit} ({Entitlement}) and {Usage} are in use: this would exceed it. Delete something or ask an admin for a larger plan.")
{
    public override object? Details => new { entitlement = Entitlement, limit = Limit, usage = Usage };
}
