using System.Data.Common;
using Mediator;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Contracts.Billing;

/// <summary>
/// Changes a tenant's counted usage inside the caller's open transaction (the same database), after locking the
/// tenant's usage row: increases are checked against the tenant's limits, so concurrent writers cannot pass a limit
/// together, and the counters commit or roll back with the write they count. Decreases are never refused. On
/// <see cref="QuotaExceeded"/> nothing was changed and the caller rolls back. Callers take this lock last, after their
/// own row locks, so lock order stays the same everywhere.
/// </summary>
public sealed record ChangeUsageCommand(Guid TenantId, UsageDelta Delta, DbTransaction Transaction) : ICommand<Result>;

public sealed record UsageDelta(long Vaults = 0, long Entries = 0, long AttachmentBytes = 0)
{
    public bool IsEmpty => Vaults == 0 && Entries == 0 && AttachmentBytes == 0;
}
