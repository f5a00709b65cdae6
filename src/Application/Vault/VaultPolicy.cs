namespace PasswordManager.Application.Vault;

/// <summary>The Vault module's limits and retention, configured in section <c>Vault</c>.</summary>
public sealed class VaultPolicy
{
    /// <summary>Ciphertexts up to this size live in the metadata row; larger ones in the blob store (ADR-0009).</summary>
    public int InlineCiphertextMaxBytes { get; set; } = 8 * 1024;

    public int MaxEntryBytes { get; set; } = 1024 * 1024;

    /// <summary>Superseded versions kept per entry.</summary>
    public int HistoryDepth { get; set; } = 10;

    public int MaxBatchWrites { get; set; } = 1000;

    public long MaxImportBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest attachment body accepted; it streams to the blob store and is never held in memory.</summary>
    public long MaxAttachmentBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>How long a presigned attachment download URL stays valid (S3 blob store only).</summary>
    public TimeSpan AttachmentUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public int SyncPageMaxEntries { get; set; } = 1000;

    public int SyncPageMaxBytes { get; set; } = 4 * 1024 * 1024;

    public TimeSpan TombstoneRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long a staged re-key session stays open; the vault maintenance job removes it afterwards.</summary>
    public TimeSpan RekeySessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a blob written ahead of its metadata may wait for the commit before it counts as garbage.</summary>
    public TimeSpan PendingBlobGrace { get; set; } = TimeSpan.FromHours(1);
}
