using PasswordManager.Client.Crypto.History;

namespace PasswordManager.Client.Sdk.Vault.History;

/// <summary>
/// A vault's verified history as the local cache keeps it: the exported <see cref="VaultHistoryState"/> (head, key epoch,
/// members, entries, attachments, recent and expected heads), where its last checkpoint is, and which key of each author
/// signed last. The state is decoded once and exported again only when the cache is written, so a write to a large vault
/// does not re-encode its whole state.
/// </summary>
public sealed class HeldHistory
{
    private byte[] exported = [];
    private VaultHistoryState? decoded;
    private bool changed;

    public byte[] State
    {
        get
        {
            if (changed)
            {
                exported = decoded!.Export();
                changed = false;
            }

            return exported;
        }
        set
        {
            exported = value ?? [];
            decoded = null;
            changed = false;
        }
    }

    public long LastCheckpointSeq { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>
    /// Per author, the newest of its bundles (145 bytes) that signed a verified record of this vault: after a key rotation
    /// an earlier key of that author verifies only records placed before one signed with a newer key (§21.2 step 2).
    /// </summary>
    public Dictionary<Guid, byte[]> AuthorKeys { get; set; } = [];

    /// <summary>Whether a state is held at all (a vault without records holds none).</summary>
    internal bool HoldsState => decoded is not null || exported.Length > 0;

    /// <summary>
    /// The held state, decoded once and shared: read it, or change it only through a step that changes nothing when it
    /// fails (<see cref="VaultHistoryState.Apply(HistoryRecord, Func{Guid, Crypto.Keys.PublicKeyBundle?})"/>) and then call
    /// <see cref="MarkChanged"/>. Null when none is held.
    /// </summary>
    internal VaultHistoryState? Decoded => decoded ??= exported.Length == 0 ? null : VaultHistoryState.Import(exported);

    internal static HeldHistory Of(VaultHistoryState state, long lastCheckpointSeq, DateTimeOffset? verifiedAt, Dictionary<Guid, byte[]> authorKeys) =>
        new() { decoded = state, changed = true, LastCheckpointSeq = lastCheckpointSeq, VerifiedAt = verifiedAt, AuthorKeys = authorKeys };

    internal void MarkChanged() => changed = decoded is not null;
}
