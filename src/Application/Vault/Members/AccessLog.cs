using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Exposure;

namespace PasswordManager.Application.Vault.Members;

/// <summary>
/// Records which entries' ciphertexts a member was served (ADR-0014), before the ciphertexts leave the server:
/// a crash can then over-report an exposure, never under-report one. One statement per request.
/// </summary>
public sealed class AccessLog(IVaultDbContext db, VaultPolicy policy)
{
    public Task RecordAsync(UserId user, IReadOnlyCollection<FetchedEntry> fetches, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RecordFetchesAsync(user, fetches, now, policy.AccessLogResolution, cancellationToken);

    /// <summary>An attachment body (or a URL to it) is served: the entry counts as fetched at its current version.</summary>
    public async Task RecordAttachmentAsync(Guid vaultId, Guid entryId, UserId user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var version = await db.Entries.Where(e => e.Id == entryId && e.VaultId == vaultId).Select(e => e.Version).SingleAsync(cancellationToken);
        await RecordAsync(user, [new FetchedEntry(vaultId, entryId, version)], now, cancellationToken);
    }
}
