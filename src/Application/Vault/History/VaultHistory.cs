using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.History;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.History;

/// <summary>
/// Keeps a vault's signed history linear (ADR-0032 §2, §6): a write's record is checked against the head and what
/// the write does, under the vault's write lock, and stored in the write's transaction. A vault without records
/// accepts writes without one; once it has one, every write must carry one. Signatures are the clients' to check.
/// </summary>
public sealed class VaultHistory(IVaultDbContext db, TimeProvider clock)
{
    /// <summary>Decodes a base64 record as it came with a request; null when the request carries none.</summary>
    public static Result<HistoryRecord?> Decode(string? base64)
    {
        if (base64 is null) return (HistoryRecord?)null;
        var buffer = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var written)) return new InvalidHistoryRecord("it is not base64");
        var parsed = HistoryRecord.Parse(buffer[..written]);
        return parsed.IsFailure ? parsed.Error : parsed.Value;
    }

    public async Task<HistoryHead?> HeadAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        var latest = await db.HistoryRecords.AsNoTracking().Where(r => r.VaultId == vaultId)
            .OrderByDescending(r => r.Seq).Select(r => new { r.Seq, r.Hash }).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : new HistoryHead(latest.Seq, latest.Hash);
    }

    /// <summary>
    /// Call under the vault's write lock after applying the write to <paramref name="vault"/> (its key epoch and
    /// revision are the write's): checks <paramref name="record"/> and queues it with the write's changes.
    /// </summary>
    public async Task<Result> AppendAsync(
        Domain.Vault.Vaults.Vault vault, UserId author, HistoryRecord? record, IReadOnlyCollection<HistoryChange> expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(expected);
        var head = await HeadAsync(vault.Id, cancellationToken);
        if (record is null) return head is null ? Result.Success() : new HistoryRecordRequired(vault.Id);

        var fits = Fits(vault, author, record, head ?? HistoryHead.Empty);
        if (fits.IsFailure) return fits;
        if (record.IsCheckpoint) return new InvalidHistoryRecord("a checkpoint is written on its own (POST /vaults/{vaultId}/history), not with a change");
        var named = record.Names(expected);
        if (named.IsFailure) return named;

        db.HistoryRecords.Add(StoredHistoryRecord.Of(record, vault.Revision, clock.GetUtcNow()));
        return Result.Success();
    }

    /// <summary>
    /// A checkpoint (ADR-0032 §5): the record names the vault's whole current state, <paramref name="state"/>. It takes
    /// a revision of its own so that syncs serve it. Call under the vault's write lock.
    /// </summary>
    public async Task<Result<StoredHistoryRecord>> AppendCheckpointAsync(
        Domain.Vault.Vaults.Vault vault, UserId author, HistoryRecord record, IReadOnlyCollection<HistoryChange> state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(record);
        var head = await HeadAsync(vault.Id, cancellationToken);
        var fits = Fits(vault, author, record, head ?? HistoryHead.Empty);
        if (fits.IsFailure) return fits.Error;
        if (!record.IsCheckpoint) return new InvalidHistoryRecord("the record is not a checkpoint (its first change must be 0x05)");
        var named = record.Names([new CheckpointHistoryChange(), .. state]);
        if (named.IsFailure) return named.Error;

        var stored = StoredHistoryRecord.Of(record, vault.NextRevision(clock.GetUtcNow()), clock.GetUtcNow());
        db.HistoryRecords.Add(stored);
        return stored;
    }

    /// <summary>
    /// A new vault's first record: a seq-1 checkpoint naming the creator as admin, stored at the vault's first revision.
    /// </summary>
    public Result Genesis(Domain.Vault.Vaults.Vault vault, UserId author, HistoryRecord record, AccessRecord creator)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(record);
        var fits = Fits(vault, author, record, HistoryHead.Empty);
        if (fits.IsFailure) return fits;
        var named = record.Names([new CheckpointHistoryChange(), MemberChange(creator)]);
        if (named.IsFailure) return named;
        db.HistoryRecords.Add(StoredHistoryRecord.Of(record, vault.Revision, clock.GetUtcNow()));
        return Result.Success();
    }

    /// <summary>The state a checkpoint must name: entries (tombstones too), live attachments and active members, hashed as stored.</summary>
    public async Task<IReadOnlyList<HistoryChange>> CurrentStateAsync(
        Domain.Vault.Vaults.Vault vault, Func<Domain.Vault.Entries.StoredCiphertext, CancellationToken, Task<byte[]>> readCiphertext,
        Func<string, CancellationToken, Task<byte[]>> hashBlob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(readCiphertext);
        ArgumentNullException.ThrowIfNull(hashBlob);
        var now = clock.GetUtcNow();
        var state = new List<HistoryChange>();
        var entries = await db.Entries.AsNoTracking().Where(e => e.VaultId == vault.Id).ToListAsync(cancellationToken);
        foreach (var entry in entries)
            state.Add(entry.Deleted
                ? EntryHistoryChange.Deletion(entry.Id, entry.Version)
                : new EntryHistoryChange(entry.Id, entry.Version, false, SHA256.HashData(await readCiphertext(entry.Ciphertext!, cancellationToken))));
        var liveEntries = db.Entries.Where(e => e.VaultId == vault.Id && !e.Deleted).Select(e => e.Id);
        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => a.VaultId == vault.Id && !a.Deleted && a.BlobKey != null && liveEntries.Contains(a.EntryId)).ToListAsync(cancellationToken);
        foreach (var attachment in attachments)
            state.Add(new AttachmentHistoryChange(attachment.EntryId, attachment.Id, false, await hashBlob(attachment.BlobKey!, cancellationToken)));
        var members = await db.AccessRecords.AsNoTracking().Where(r => r.VaultId == vault.Id && r.RevokedAt == null).ToListAsync(cancellationToken);
        state.AddRange(members.Where(m => m.IsActive(now)).Select(MemberChange));
        return state;
    }

    public static MemberHistoryChange MemberChange(AccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new MemberHistoryChange(record.UserId.Value, (byte)record.Permission, AccessHash(record));
    }

    /// <summary>SHA-256 of the access record's canonical message (docs/crypto-format.md §9).</summary>
    public static byte[] AccessHash(AccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var message = new MemoryStream();
        WriteField(message, Encoding.UTF8.GetBytes("pm/v1/access"));
        WriteField(message, record.VaultId.ToByteArray(bigEndian: true));
        WriteField(message, record.UserId.Value.ToByteArray(bigEndian: true));
        var epoch = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(epoch, record.KeyEpoch);
        WriteField(message, epoch);
        WriteField(message, Encoding.UTF8.GetBytes(record.Permission.ToString().ToLowerInvariant()));
        WriteField(message, record.WrappedKey);
        return SHA256.HashData(message.ToArray());
    }

    private static void WriteField(MemoryStream target, byte[] field)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, (uint)field.Length);
        target.Write(length);
        target.Write(field);
    }

    private static Result Fits(Domain.Vault.Vaults.Vault vault, UserId author, HistoryRecord record, HistoryHead head)
    {
        if (record.VaultId != vault.Id) return new InvalidHistoryRecord("it names another vault");
        if (record.AuthorId != author.Value) return new InvalidHistoryRecord("its author is not the caller");
        var extends = record.Extends(head);
        if (extends.IsFailure) return extends;
        if (record.Seq == 1 && !record.IsCheckpoint) return new InvalidHistoryRecord("a vault's first record (seq 1) must be a checkpoint");
        if (record.KeyEpoch != vault.KeyEpoch) return new InvalidHistoryRecord($"its key epoch is not the vault's ({vault.KeyEpoch})");
        return Result.Success();
    }
}
