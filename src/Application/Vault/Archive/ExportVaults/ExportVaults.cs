using System.Runtime.CompilerServices;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Common;
using PasswordManager.Application.Contracts.Sharing;

namespace PasswordManager.Application.Vault.Archive.ExportVaults;

/// <summary>
/// Everything the caller can read, still encrypted, as a stream of archive records: the account's key
/// material, each vault with the caller's access record, live entries and their kept versions.
/// </summary>
public sealed record ExportVaultsQuery(UserId UserId) : IStreamQuery<ArchiveRecord>;

public sealed class ExportVaultsQueryHandler(IVaultDbContext db, AccessLog accessLog, EntryCiphertexts ciphertexts, IBlobStore blobs, ISender sender, TimeProvider clock)
    : IStreamQueryHandler<ExportVaultsQuery, ArchiveRecord>
{
    private const int ChunkSize = 500;

    public async IAsyncEnumerable<ArchiveRecord> Handle(ExportVaultsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = await sender.Send(new GetAccountKeyMaterialQuery(query.UserId.Value), cancellationToken)
            ?? throw new InvalidOperationException("The authenticated user has no account.");
        yield return new ArchiveHeader(ArchiveHeader.FormatName, ArchiveHeader.CurrentVersion, now, new ArchiveAccount(
            account.UserId, account.Username, new ArchiveKdf(account.KdfMemoryKiB, account.KdfIterations, account.KdfParallelism),
            account.KdfSalt, account.EncryptedUserKey, account.EncryptedPrivateKeys, account.PublicKeyBundle));

        var access = await db.AccessRecords.AsNoTracking()
            .Where(r => r.UserId == query.UserId && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now))
            .OrderBy(r => r.VaultId)
            .ToListAsync(cancellationToken);
        var (vaults, entries, versions, attachments) = (0, 0L, 0L, 0L);
        foreach (var record in access)
        {
            var vault = await db.Vaults.AsNoTracking().SingleAsync(v => v.Id == record.VaultId, cancellationToken);
            yield return new ArchiveVault(vault.Id, vault.Kind, vault.KeyEpoch, vault.EncryptedMetadata, MemberAccess.Of(record));
            vaults++;

            Guid? after = null;
            while (true)
            {
                var chunk = db.Entries.AsNoTracking().Where(e => e.VaultId == vault.Id && !e.Deleted);
                if (after is { } last) chunk = chunk.Where(e => e.Id.CompareTo(last) > 0);
                var page = await chunk.OrderBy(e => e.Id).Take(ChunkSize).ToListAsync(cancellationToken);
                if (page.Count == 0) break;
                after = page[^1].Id;

                foreach (var entry in page)
                {
                    yield return new ArchiveEntry(
                        vault.Id, entry.Id, entry.Version, entry.KeyEpoch, await ciphertexts.ReadAsync(entry.Ciphertext!, cancellationToken), entry.CreatedAt, entry.UpdatedAt,
                        entry.NameIndex);
                    entries++;
                }

                var ids = page.Select(e => e.Id).ToList();
                await accessLog.RecordAsync(query.UserId, [.. page.Select(e => new FetchedEntry(e.VaultId, e.Id, e.Version))], now, cancellationToken);
                var history = await db.EntryVersions.AsNoTracking()
                    .Where(v => ids.Contains(v.EntryId))
                    .OrderBy(v => v.EntryId).ThenBy(v => v.Version)
                    .ToListAsync(cancellationToken);
                foreach (var version in history)
                {
                    yield return new ArchiveEntryVersion(
                        vault.Id, version.EntryId, version.Version, version.KeyEpoch, await ciphertexts.ReadAsync(version.Ciphertext, cancellationToken), version.CreatedAt);
                    versions++;
                }

                var files = await db.Attachments.AsNoTracking()
                    .Where(a => ids.Contains(a.EntryId) && !a.Deleted)
                    .OrderBy(a => a.EntryId).ThenBy(a => a.Id)
                    .ToListAsync(cancellationToken);
                foreach (var file in files)
                {
                    yield return new ArchiveAttachment(vault.Id, file.EntryId, file.Id, file.KeyEpoch, file.Size);
                    await foreach (var data in ReadChunksAsync(file.BlobKey!, cancellationToken)) yield return new ArchiveAttachmentChunk(file.Id, data);
                    attachments++;
                }
            }
        }

        yield return new ArchiveEnd(vaults, entries, versions, attachments);
    }

    private async IAsyncEnumerable<byte[]> ReadChunksAsync(string blobKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(blobKey, cancellationToken)
            ?? throw new InvalidOperationException($"Blob {blobKey} is referenced but missing.");
        var buffer = new byte[ArchiveAttachmentChunk.MaxBytes];
        while (true)
        {
            var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0) yield break;
            yield return buffer[..read];
        }
    }
}
