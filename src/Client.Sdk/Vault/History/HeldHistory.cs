namespace PasswordManager.Client.Sdk.Vault.History;

/// <summary>
/// A vault's verified history as the local cache keeps it: the exported <see cref="Crypto.History.VaultHistoryState"/>
/// (head, key epoch, members, entries, attachments, recent and expected heads) and where its last checkpoint is.
/// </summary>
public sealed class HeldHistory
{
    public byte[] State { get; set; } = [];

    public long LastCheckpointSeq { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }
}
