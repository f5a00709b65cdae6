namespace PasswordManager.Domain.Vault.History;

/// <summary>
/// A history record as the server keeps it: the record's bytes with its seq, hash and the vault revision of the
/// write it came with (so a sync serves the records of exactly the revisions it serves). Kept across re-keys.
/// </summary>
public sealed class StoredHistoryRecord
{
    private StoredHistoryRecord() { }

    public Guid VaultId { get; private set; }
    public long Seq { get; private set; }
    public byte[] Hash { get; private set; } = null!;
    public long Revision { get; private set; }
    public bool Checkpoint { get; private set; }
    public byte[] Record { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }

    public HistoryHead Head => new(Seq, Hash);

    public static StoredHistoryRecord Of(HistoryRecord record, long revision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new StoredHistoryRecord
        {
            VaultId = record.VaultId, Seq = record.Seq, Hash = record.Hash, Revision = revision, Checkpoint = record.IsCheckpoint, Record = record.Bytes, CreatedAt = now,
        };
    }
}
