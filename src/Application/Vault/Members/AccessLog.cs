using System.Data.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault.Members;

/// <summary>
/// Vault's side of Sharing's access log (ADR-0014, ADR-0031): the readers and writers of ciphertexts append through
/// Sharing's <see cref="RecordEntryFetchesCommand"/>, before the ciphertexts leave the server.
/// </summary>
public sealed class AccessLog(IVaultDbContext db, ISender sender)
{
    public async Task RecordAsync(UserId user, IReadOnlyCollection<FetchedEntry> fetches, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (fetches.Count == 0) return;
        await sender.Send(new RecordEntryFetchesCommand(user.Value, fetches, now), cancellationToken);
    }

    /// <summary>Versions the member wrote, recorded inside the write's <paramref name="transaction"/>.</summary>
    public async Task RecordWrittenAsync(
        UserId author, IReadOnlyCollection<FetchedEntry> written, DateTimeOffset now, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (written.Count == 0) return;
        await sender.Send(new RecordEntryFetchesCommand(author.Value, written, now, transaction), cancellationToken);
    }

    /// <summary>An attachment body (or a URL to it) is served: the entry counts as fetched at its current version.</summary>
    public async Task RecordAttachmentAsync(Guid vaultId, Guid entryId, UserId user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var version = await db.Entries.Where(e => e.Id == entryId && e.VaultId == vaultId).Select(e => e.Version).SingleAsync(cancellationToken);
        await RecordAsync(user, [new FetchedEntry(vaultId, entryId, version)], now, cancellationToken);
    }
}
