using System.Collections.Concurrent;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>
/// A staged re-key in progress: its session and the new vault key, sealed to the admin's own X25519 key and signed
/// by them (an access record of epoch <c>FromKeyEpoch + 1</c> for themselves), so it is safe to keep on disk.
/// </summary>
public sealed record PendingRekey(Guid VaultId, Guid SessionId, long FromKeyEpoch, byte[] WrappedKey, byte[] Signature);

/// <summary>Where a staged re-key's new key survives an interrupted run (the CLI: a 0600 file in the profile folder).</summary>
public interface IPendingRekeyStore
{
    PendingRekey? Find(Guid vaultId);

    void Save(PendingRekey pending);

    void Remove(Guid vaultId);
}

public sealed class InMemoryPendingRekeyStore : IPendingRekeyStore
{
    private readonly ConcurrentDictionary<Guid, PendingRekey> pending = new();

    public PendingRekey? Find(Guid vaultId) => pending.TryGetValue(vaultId, out var found) ? found : null;

    public void Save(PendingRekey pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        this.pending[pending.VaultId] = pending;
    }

    public void Remove(Guid vaultId) => pending.TryRemove(vaultId, out _);
}
