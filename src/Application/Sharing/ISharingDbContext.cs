using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing.AccessLog;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Application.Sharing;

/// <summary>The Sharing module's persistence port (schema <c>sharing</c>).</summary>
public interface ISharingDbContext
{
    DbSet<VaultInvitation> Invitations { get; }

    DbSet<EntryFetch> EntryFetches { get; }

    /// <summary>
    /// Records that <paramref name="user"/> fetched these ciphertexts at <paramref name="now"/>: one upsert
    /// statement for the whole batch (first/last fetch times, highest version). Reads call it without a vault lock,
    /// writers under theirs (a read never waits for a vault lock while holding these rows, so no cycle). The last
    /// fetch time of a row is refreshed at most once per <paramref name="resolution"/> unless the version grows.
    /// </summary>
    Task RecordFetchesAsync(
        UserId user, IReadOnlyCollection<FetchedEntry> fetches, DateTimeOffset now, TimeSpan resolution, CancellationToken cancellationToken);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Runs this context's commands in another module's open <paramref name="transaction"/> (same database).</summary>
    void JoinTransaction(DbTransaction transaction);

    /// <summary>A transaction of this context's own, for other modules' contexts to join.</summary>
    Task<ISharingTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}

/// <summary>An open Sharing transaction; disposing it without <see cref="CommitAsync"/> rolls back.</summary>
public interface ISharingTransaction : IAsyncDisposable
{
    DbTransaction Shared { get; }

    Task CommitAsync(CancellationToken cancellationToken);
}
