namespace PasswordManager.Client.Sdk.Vault.History;

/// <summary>
/// A vault's verified history as the local cache keeps it: the exported <see cref="Crypto.History.VaultHistoryState"/>
/// (head, key epoch, members, entries, attachments, recent and expected heads), where its last checkpoint is, and which
/// key of each author signed last.
/// </summary>
public sealed class HeldHistory
{
    public byte[] State { get; set; } = [];

    public long LastCheckpointSeq { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>
    /// Per author, the newest of its bundles (145 bytes) that signed a verified record of this vault: after a key rotation
    /// an earlier key of that author verifies only records placed before one signed with a newer key (§21.2 step 2).
    /// </summary>
    public Dictionary<Guid, byte[]> AuthorKeys { get; set; } = [];
}
