using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.Exposure;
using PasswordManager.Domain.Vault.History;
using PasswordManager.Domain.Vault.RekeySessions;
using PasswordManager.Domain.Vault.Storage;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault;

/// <summary>The Vault module's persistence port (schema <c>vault</c>).</summary>
public interface IVaultDbContext
{
    DbSet<Domain.Vault.Vaults.Vault> Vaults { get; }

    DbSet<AccessRecord> AccessRecords { get; }

    DbSet<Entry> Entries { get; }

    DbSet<EntryVersion> EntryVersions { get; }

    DbSet<BlobGarbage> BlobGarbage { get; }

    DbSet<Attachment> Attachments { get; }

    DbSet<EntryFetch> EntryFetches { get; }


    DbSet<RekeySession> RekeySessions { get; }

    DbSet<StagedEntry> StagedEntries { get; }

    DbSet<StagedAttachment> StagedAttachments { get; }

    DbSet<StoredHistoryRecord> HistoryRecords { get; }

    /// <summary>
    /// Records that <paramref name="user"/> fetched these ciphertexts at <paramref name="now"/>: one upsert
    /// statement for the whole batch (first/last fetch times, highest version). Reads call it without a vault lock,
    /// writers under theirs (a read never waits for a vault lock while holding these rows, so no cycle). The last
    /// fetch time of a row is refreshed at most once per <paramref name="resolution"/> unless the version grows.
    /// </summary>
    Task RecordFetchesAsync(
        UserId user, IReadOnlyCollection<FetchedEntry> fetches, DateTimeOffset now, TimeSpan resolution, CancellationToken cancellationToken);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a transaction holding the vault's row lock (<c>SELECT … FOR UPDATE</c>), so writes to one vault
    /// commit one after another and revisions become visible in order. Null when the vault does not exist.
    /// </summary>
    Task<IVaultWriteLock?> LockVaultAsync(Guid vaultId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes this (not yet used) context work inside another module's open transaction on the same database, for
    /// the cross-module changes that must commit together. <see cref="LockVaultAsync"/> then locks within it, and its
    /// <see cref="IVaultWriteLock.CommitAsync"/> only saves: the transaction's owner commits.
    /// </summary>
    void JoinTransaction(DbTransaction transaction);

    /// <summary>A transaction for writes that lock no existing vault (a new vault), so another module's change can commit with them.</summary>
    Task<IVaultTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}

/// <summary>An open transaction of the Vault context; disposing it without <see cref="CommitAsync"/> rolls back.</summary>
public interface IVaultTransaction : IAsyncDisposable
{
    DbTransaction Shared { get; }

    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>A vault locked for writing; disposing without <see cref="CommitAsync"/> rolls everything back.</summary>
public interface IVaultWriteLock : IAsyncDisposable
{
    Domain.Vault.Vaults.Vault Vault { get; }

    /// <summary>The transaction holding the lock, for another module's change that must commit with this one (billing usage).</summary>
    DbTransaction Transaction { get; }

    /// <summary>Queues a row for the tenant's audit log, appended by <see cref="CommitAsync"/> in the same transaction.</summary>
    void Audit(AuditRecord record);

    /// <summary>Saves the tracked changes, appends the queued audit rows and commits the transaction.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
