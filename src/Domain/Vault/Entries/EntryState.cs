namespace PasswordManager.Domain.Vault.Entries;

/// <summary>An entry's metadata as clients see it (sync, conflicts, listings).</summary>
public sealed record EntryState(
    Guid EntryId, Guid VaultId, long Version, long KeyEpoch, int Size, bool Deleted, DateTimeOffset UpdatedAt, Guid UpdatedBy, long Revision)
{
    public static EntryState Of(Entry entry) => new(
        entry.Id, entry.VaultId, entry.Version, entry.KeyEpoch, entry.Ciphertext?.Size ?? 0, entry.Deleted, entry.UpdatedAt,
        entry.UpdatedBy.Value, entry.Revision);
}
