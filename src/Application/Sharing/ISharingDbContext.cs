using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Application.Sharing;

/// <summary>The Sharing module's persistence port (schema <c>sharing</c>).</summary>
public interface ISharingDbContext
{
    DbSet<VaultInvitation> Invitations { get; }

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
