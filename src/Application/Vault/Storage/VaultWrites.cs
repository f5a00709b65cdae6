using PasswordManager.Application.Contracts.Auth.Audit;

namespace PasswordManager.Application.Vault.Storage;

/// <summary>Takes a vault's write lock as a <see cref="VaultWrite"/>: store blobs → lock → change → commit.</summary>
public sealed class VaultWrites(IVaultDbContext db, BlobWrites blobs)
{
    /// <summary>Null when the vault does not exist (the blobs this request wrote are abandoned then).</summary>
    public async Task<VaultWrite?> LockAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        IVaultWriteLock? held;
        try
        {
            held = await db.LockVaultAsync(vaultId, cancellationToken);
        }
        catch
        {
            await blobs.AbandonAsync(CancellationToken.None);
            throw;
        }

        if (held is not null) return new VaultWrite(held, blobs);
        await blobs.AbandonAsync(CancellationToken.None);
        return null;
    }
}

/// <summary>
/// The unit of work of a vault write: the vault's row lock and its transaction, plus the blobs the request wrote
/// before taking it. <see cref="CommitAsync"/> clears the written blobs' pending markers in the transaction and
/// deletes the blobs it superseded after it; disposing without a commit rolls back and abandons the written blobs.
/// </summary>
public sealed class VaultWrite : IAsyncDisposable
{
    private readonly IVaultWriteLock held;
    private readonly BlobWrites blobs;
    private bool committed;

    internal VaultWrite(IVaultWriteLock held, BlobWrites blobs) => (this.held, this.blobs) = (held, blobs);

    public Domain.Vault.Vaults.Vault Vault => held.Vault;

    /// <inheritdoc cref="IVaultWriteLock.Transaction"/>
    public System.Data.Common.DbTransaction Transaction => held.Transaction;

    /// <inheritdoc cref="IVaultWriteLock.Audit"/>
    public void Audit(AuditRecord record) => held.Audit(record);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        blobs.MarkReferenced();
        await held.CommitAsync(cancellationToken);
        committed = true;
        await blobs.DeleteSupersededAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await held.DisposeAsync();
        if (!committed) await blobs.AbandonAsync(CancellationToken.None);
    }
}
