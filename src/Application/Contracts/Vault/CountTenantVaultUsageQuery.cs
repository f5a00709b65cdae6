using System.Data.Common;
using Mediator;

namespace PasswordManager.Application.Contracts.Vault;

/// <summary>
/// Counts what a tenant stores, inside the caller's open transaction: vaults, live entries and the bytes of live
/// attachments. Billing's reconciliation uses it as the truth its counters are corrected to.
/// </summary>
public sealed record CountTenantVaultUsageQuery(Guid TenantId, DbTransaction Transaction) : IQuery<TenantVaultUsage>;

public sealed record TenantVaultUsage(long Vaults, long Entries, long AttachmentBytes);
