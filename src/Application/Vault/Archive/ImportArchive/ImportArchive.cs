using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Validation;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Vault.Attachments;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Archive.ImportArchive;

/// <summary>
/// Restores an export of the caller's own account (on this or another instance): each vault with its id, key
/// epoch and the caller's access record, each entry at its version and key epoch, and the kept versions.
/// Each vault is written in batches; a vault that exists already stops the import with a conflict. Every batch counts
/// against the tenant's plan in its own transaction: one that would pass a limit stops the import there.
/// </summary>
public sealed record ImportArchiveCommand(UserId UserId, TenantId TenantId, Stream Archive) : ICommand<Result<ImportArchiveResult>>;

public sealed record ImportArchiveResult(int Vaults, long Entries, long EntryVersions, long Attachments);

public sealed class ImportArchiveCommandHandler(
    IVaultDbContext db, VaultWrites vaultWrites, EntryCiphertexts ciphertexts, AttachmentBlobs attachments, ISender sender, VaultPolicy policy,
    TimeProvider clock)
    : ICommandHandler<ImportArchiveCommand, Result<ImportArchiveResult>>
{
    /// <summary>Entries and versions committed per vault transaction: bounds the lock time and the memory held.</summary>
    private const int BatchSize = 500;

    /// <summary>Timestamps this far ahead of the server clock are still accepted (the exporting server's clock may run ahead).</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Timestamps before this year are refused: no archive can hold them.</summary>
    private const int EarliestYear = 2000;

    /// <summary>Buffer of the spool file an attachment's chunks are written to.</summary>
    private const int SpoolBufferBytes = 80 * 1024;

    public async ValueTask<Result<ImportArchiveResult>> Handle(ImportArchiveCommand command, CancellationToken cancellationToken)
    {
        await using var import = new ImportState(command.UserId);
        try
        {
            await foreach (var (line, record) in ArchiveFormat.ReadAsync(command.Archive, cancellationToken))
            {
                var step = await ApplyAsync(import, command, line, record, cancellationToken);
                if (step.IsFailure) return step.Error;
            }
        }
        catch (FormatException e)
        {
            return new InvalidArchive(e.Message);
        }

        if (import.End is not { } end) return new InvalidArchive("it ends without its end record (truncated?).");
        return new ImportArchiveResult(end.Vaults, end.Entries, end.EntryVersions, end.Attachments);
    }

    private async Task<Result> ApplyAsync(ImportState import, ImportArchiveCommand command, int line, ArchiveRecord record, CancellationToken cancellationToken)
    {
        if (import.End is not null) return new InvalidArchive($"line {line} follows the end record.");
        if (import.Header is null && record is not ArchiveHeader) return new InvalidArchive("it does not start with a header.");
        if (import.OpenAttachment is not null && record is not ArchiveAttachmentChunk)
        {
            var closed = await StoreAttachmentAsync(import, cancellationToken);
            if (closed.IsFailure) return closed;
        }

        switch (record)
        {
            case ArchiveHeader header:
                if (import.Header is not null) return new InvalidArchive($"line {line} is a second header.");
                if (header.Format != ArchiveHeader.FormatName || header.Version != ArchiveHeader.CurrentVersion)
                    return new InvalidArchive($"format {header.Format} version {header.Version} is not supported.");
                if (header.Account?.UserId != command.UserId.Value) return new ArchiveOfAnotherAccount();
                import.Header = header;
                return Result.Success();

            case ArchiveVault vault:
                var flushed = await FlushAsync(import, cancellationToken);
                if (flushed.IsFailure) return flushed;
                return await CreateVaultAsync(import, command, line, vault, cancellationToken);

            case ArchiveEntry entry:
                if (!ValidItem(import, entry.VaultId, entry.Version, entry.KeyEpoch, entry.Ciphertext) || !ValidTimes(entry.CreatedAt, entry.UpdatedAt)
                    || (entry.NameIndex is not null && !EntryNameIndex.IsValid(entry.NameIndex)) || !import.EntryIds.Add(entry.EntryId))
                    return new InvalidArchive($"line {line} is not a valid entry of the vault before it.");
                import.Entries.Add(entry);
                return import.Entries.Count + import.Versions.Count >= BatchSize ? await FlushAsync(import, cancellationToken) : Result.Success();

            case ArchiveEntryVersion version:
                if (!ValidItem(import, version.VaultId, version.Version, version.KeyEpoch, version.Ciphertext) || !ValidTimes(version.CreatedAt, null)
                    || !import.EntryIds.Contains(version.EntryId) || !import.VersionKeys.Add((version.EntryId, version.Version)))
                    return new InvalidArchive($"line {line} is not a valid entry version of the vault before it.");
                import.Versions.Add(version);
                return import.Entries.Count + import.Versions.Count >= BatchSize ? await FlushAsync(import, cancellationToken) : Result.Success();

            case ArchiveAttachment attachment:
                if (import.Vault is not { } current || current.VaultId != attachment.VaultId || !import.EntryIds.Contains(attachment.EntryId)
                    || attachment.KeyEpoch < 1 || attachment.KeyEpoch > current.KeyEpoch
                    || attachment.Size < 1 || attachment.Size > policy.MaxAttachmentBytes || !import.AttachmentIds.Add(attachment.AttachmentId))
                    return new InvalidArchive($"line {line} is not a valid attachment of an entry before it.");
                var entriesFirst = await FlushAsync(import, cancellationToken);
                if (entriesFirst.IsFailure) return entriesFirst;
                import.Open(attachment);
                return Result.Success();

            case ArchiveAttachmentChunk chunk:
                if (import.OpenAttachment?.AttachmentId != chunk.AttachmentId || chunk.Data is null
                    || chunk.Data.Length > ArchiveAttachmentChunk.MaxBytes || import.Spool!.Length + chunk.Data.Length > import.OpenAttachment.Size)
                    return new InvalidArchive($"line {line} is not the next piece of the attachment before it.");
                await import.Spool.WriteAsync(chunk.Data, cancellationToken);
                return Result.Success();

            case ArchiveEnd end:
                var last = await FlushAsync(import, cancellationToken);
                if (last.IsFailure) return last;
                if (end.Vaults != import.VaultCount || end.Entries != import.EntryCount || end.EntryVersions != import.VersionCount
                    || end.Attachments != import.AttachmentCount)
                    return new InvalidArchive("its end record does not match its content (truncated or altered?).");
                import.End = end;
                return Result.Success();

            default:
                return new InvalidArchive($"line {line} has an unknown type.");
        }
    }

    private bool ValidItem(ImportState import, Guid vaultId, long version, long keyEpoch, byte[]? ciphertext) =>
        import.Vault is { } vault && vault.VaultId == vaultId
        && version >= 1 && keyEpoch >= 1 && keyEpoch <= vault.KeyEpoch
        && ciphertext is not null && ciphertext.Length <= policy.MaxEntryBytes
        && EnvelopeFormat.IsSymmetricEnvelope(ciphertext, 0, policy.MaxEntryBytes);

    /// <summary>Times an archive carries must be in order and not in the future (a few minutes of clock skew allowed).</summary>
    private bool ValidTimes(DateTimeOffset? createdAt, DateTimeOffset? updatedAt)
    {
        var latest = clock.GetUtcNow() + MaxClockSkew;
        if (createdAt is { } created && (created > latest || created.Year < EarliestYear)) return false;
        return updatedAt is not { } updated || (updated <= latest && (createdAt is null || updated >= createdAt));
    }

    private async Task<Result> CreateVaultAsync(ImportState import, ImportArchiveCommand command, int line, ArchiveVault archived, CancellationToken cancellationToken)
    {
        var access = archived.Access;
        if (archived.KeyEpoch < 1 || access is null || access.KeyEpoch != archived.KeyEpoch
            || !EnvelopeFormat.IsSealedKey(access.WrappedKey) || access.GranterSignature?.Length != KeyEnvelopeRules.SignatureLength
            || (archived.EncryptedMetadata is { } metadata && !EnvelopeFormat.IsSymmetricEnvelope(metadata, 0, VaultValidationRules.MaxMetadataBytes)))
            return new InvalidArchive($"line {line} is not a valid vault record.");
        if (await db.Vaults.AnyAsync(v => v.Id == archived.VaultId, cancellationToken)) return new VaultAlreadyExists(archived.VaultId);
        if (archived.Kind == VaultKind.Personal
            && await db.Vaults.AnyAsync(v => v.CreatedBy == command.UserId && v.Kind == VaultKind.Personal, cancellationToken))
            return new PersonalVaultExists();

        var now = clock.GetUtcNow();
        var vault = Domain.Vault.Vaults.Vault.Restore(
            archived.VaultId, command.TenantId, archived.Kind, command.UserId, archived.KeyEpoch, archived.EncryptedMetadata, now);
        db.Vaults.Add(vault);
        db.AccessRecords.Add(AccessRecord.Grant(
            vault.Id, command.UserId, access.Permission, access.KeyEpoch, access.WrappedKey, new UserId(access.GranterId),
            access.GranterSignature, access.ExpiresAt, vault.Revision, now));
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var counted = await sender.Send(new ChangeUsageCommand(command.TenantId.Value, new UsageDelta(Vaults: 1), transaction.Shared), cancellationToken);
        if (counted.IsFailure) return counted.Error;
        await transaction.CommitAsync(cancellationToken);
        (import.Vault, import.VaultCount) = (archived, import.VaultCount + 1);
        import.EntryIds.Clear();
        import.VersionKeys.Clear();
        return Result.Success();
    }

    private async Task<Result> FlushAsync(ImportState import, CancellationToken cancellationToken)
    {
        if (import.Entries.Count + import.Versions.Count == 0) return Result.Success();
        var vaultId = import.Vault!.VaultId;
        var stored = new List<StoredCiphertext>();
        foreach (var entry in import.Entries) stored.Add(await ciphertexts.StoreAsync(vaultId, entry.EntryId, entry.Ciphertext, cancellationToken));
        var storedVersions = new List<StoredCiphertext>();
        foreach (var version in import.Versions)
            storedVersions.Add(await ciphertexts.StoreAsync(vaultId, version.EntryId, version.Ciphertext, cancellationToken));

        await using var vaultLock = await vaultWrites.LockAsync(vaultId, cancellationToken)
            ?? throw new InvalidOperationException("The imported vault vanished during the import.");
        var ids = import.Entries.Select(e => e.EntryId).ToList();
        if (await db.Entries.AnyAsync(e => ids.Contains(e.Id), cancellationToken))
            return new InvalidArchive("it contains an entry id that exists already.");

        var now = clock.GetUtcNow();
        for (var i = 0; i < import.Entries.Count; i++)
        {
            var entry = import.Entries[i];
            db.Entries.Add(Entry.Restore(
                entry.EntryId, vaultId, entry.Version, entry.KeyEpoch, stored[i], entry.NameIndex, import.Importer, vaultLock.Vault.NextRevision(now),
                entry.CreatedAt ?? now, entry.UpdatedAt ?? entry.CreatedAt ?? now));
        }

        for (var i = 0; i < import.Versions.Count; i++)
        {
            var version = import.Versions[i];
            db.EntryVersions.Add(EntryVersion.Restore(version.EntryId, vaultId, version.Version, version.KeyEpoch, storedVersions[i], import.Importer, version.CreatedAt ?? now));
        }

        var counted = await sender.Send(
            new ChangeUsageCommand(vaultLock.Vault.TenantId.Value, new UsageDelta(Entries: import.Entries.Count), vaultLock.Transaction), cancellationToken);
        if (counted.IsFailure) return counted.Error;

        await vaultLock.CommitAsync(cancellationToken);
        (import.EntryCount, import.VersionCount) = (import.EntryCount + import.Entries.Count, import.VersionCount + import.Versions.Count);
        import.Entries.Clear();
        import.Versions.Clear();
        return Result.Success();
    }

    /// <summary>Stores the attachment whose chunks were spooled to disk, once its last chunk has arrived.</summary>
    private async Task<Result> StoreAttachmentAsync(ImportState import, CancellationToken cancellationToken)
    {
        var (file, spool) = (import.OpenAttachment!, import.Spool!);
        try
        {
            if (spool.Length != file.Size) return new InvalidArchive($"attachment {file.AttachmentId} is shorter than its declared size.");
            spool.Position = 0;
            var stored = await attachments.StoreAsync(file.VaultId, file.AttachmentId, spool, cancellationToken);
            if (stored.IsFailure) return stored.Error;

            await using var vaultLock = await vaultWrites.LockAsync(file.VaultId, cancellationToken)
                ?? throw new InvalidOperationException("The imported vault vanished during the import.");
            if (await db.Attachments.AnyAsync(a => a.Id == file.AttachmentId, cancellationToken))
                return new InvalidArchive($"attachment {file.AttachmentId} exists already.");

            var now = clock.GetUtcNow();
            db.Attachments.Add(Attachment.Create(
                file.AttachmentId, file.VaultId, file.EntryId, file.KeyEpoch, stored.Value.Size, stored.Value.BlobKey, import.Importer,
                vaultLock.Vault.NextRevision(now), now));
            var counted = await sender.Send(
                new ChangeUsageCommand(vaultLock.Vault.TenantId.Value, new UsageDelta(AttachmentBytes: stored.Value.Size), vaultLock.Transaction), cancellationToken);
            if (counted.IsFailure) return counted.Error;

            await vaultLock.CommitAsync(cancellationToken);
            import.AttachmentCount++;
            return Result.Success();
        }
        finally
        {
            await import.CloseAttachmentAsync();
        }
    }

    private sealed class ImportState(UserId importer) : IAsyncDisposable
    {
        public UserId Importer => importer;
        public ArchiveHeader? Header { get; set; }
        public ArchiveVault? Vault { get; set; }
        public ArchiveEnd? End { get; set; }
        public List<ArchiveEntry> Entries { get; } = [];
        public List<ArchiveEntryVersion> Versions { get; } = [];

        /// <summary>Entries (and versions) of the current vault seen so far: duplicates and orphans are refused.</summary>
        public HashSet<Guid> EntryIds { get; } = [];
        public HashSet<(Guid, long)> VersionKeys { get; } = [];
        public HashSet<Guid> AttachmentIds { get; } = [];
        public ArchiveAttachment? OpenAttachment { get; private set; }

        /// <summary>The open attachment's bytes, on disk rather than in memory.</summary>
        public FileStream? Spool { get; private set; }

        public long AttachmentCount { get; set; }
        public int VaultCount { get; set; }
        public long EntryCount { get; set; }
        public long VersionCount { get; set; }

        public void Open(ArchiveAttachment attachment)
        {
            OpenAttachment = attachment;
            Spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, SpoolBufferBytes, FileOptions.DeleteOnClose);
        }

        public async Task CloseAttachmentAsync()
        {
            if (Spool is not null) await Spool.DisposeAsync();
            (Spool, OpenAttachment) = (null, null);
        }

        public async ValueTask DisposeAsync() => await CloseAttachmentAsync();
    }
}
