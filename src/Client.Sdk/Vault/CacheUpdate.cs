using System.Buffers;
using System.Security.Cryptography;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// What the server offers is checked before it enters the local cache: key epochs only grow, an entry never goes back to
/// an older version nor takes a second copy of a version held, and every ciphertext decrypts under its claimed vault,
/// entry, epoch and version. Refusals are recorded in the cache and reported.
/// </summary>
internal sealed class CacheUpdate(VaultKeyRing ring)
{
    public void ApplyVaults(LocalVaultCache cache, SyncState state, SyncChangesResult page)
    {
        foreach (var lost in page.LostAccess)
        {
            cache.DropVault(lost);
            ring.Forget(lost);
            state.LostAccess.Add(lost);
        }

        foreach (var summary in page.Vaults)
        {
            if (cache.Vaults.TryGetValue(summary.VaultId, out var held) && summary.KeyEpoch < held.KeyEpoch)
            {
                // Key epochs only grow: an older one is a replayed vault row and its record, so the newer one is kept.
                state.SeenVaults.Add(summary.VaultId);
                state.Skipped.Add(new SkippedVault(
                    summary.VaultId, $"REFUSED vault {summary.VaultId}: the server offered key epoch {summary.KeyEpoch}, but this device already saw epoch {held.KeyEpoch}."));
                continue;
            }

            cache.Vaults[summary.VaultId] = summary;
            ring.Remember(summary);
            state.SeenVaults.Add(summary.VaultId);
            state.VaultsChanged++;
            try
            {
                ring.KeyFor(summary);
            }
            catch (VaultLockedException locked)
            {
                state.Skipped.Add(new SkippedVault(summary.VaultId, locked.Message));
            }
        }
    }

    public void Apply(LocalVaultCache cache, SyncState state, EntryState entry, byte[]? ciphertext)
    {
        state.Seen.Add(entry.EntryId);
        if (cache.Entries.TryGetValue(entry.EntryId, out var held))
        {
            if (entry.Version < held.Version)
            {
                state.Rollbacks.Add(new RollbackAttempt(entry.VaultId, entry.EntryId, held.Version, entry.Version));
                cache.Refused[entry.EntryId] = new RefusedEntry(
                    entry.VaultId, entry.EntryId, entry.Version, Rollback: true, $"the server offered version {entry.Version}, but this device already holds version {held.Version}");
                return;
            }

            if (entry.Version == held.Version)
            {
                // A version is written once (a re-key writes a new one), so a second, different copy of it was made up or moved here.
                if (SameCopy(held, entry, ciphertext))
                {
                    cache.Refused.Remove(entry.EntryId);
                    return;
                }

                Reject(cache, state, entry, $"it differs from the verified copy of version {held.Version} this device holds (which is kept)");
                return;
            }
        }

        if (!entry.Deleted)
        {
            if (ciphertext is null)
            {
                Reject(cache, state, entry, "the server sent no ciphertext");
                return;
            }

            if (Verify(entry, ciphertext) is { } problem)
            {
                Reject(cache, state, entry, problem);
                return;
            }
        }

        cache.Refused.Remove(entry.EntryId);
        cache.Entries[entry.EntryId] = new CachedEntry(
            entry.EntryId, entry.VaultId, entry.Version, entry.KeyEpoch, entry.Deleted, entry.UpdatedAt, entry.UpdatedBy, entry.Deleted ? null : ciphertext);
        if (entry.Deleted) state.Deleted++;
        else state.Updated++;
    }

    private static bool SameCopy(CachedEntry held, EntryState offered, byte[]? ciphertext) =>
        held.VaultId == offered.VaultId && held.Deleted == offered.Deleted
        && (held.Deleted || (held.KeyEpoch == offered.KeyEpoch && ciphertext is not null && held.Ciphertext is not null && ciphertext.AsSpan().SequenceEqual(held.Ciphertext)));

    private static void Reject(LocalVaultCache cache, SyncState state, EntryState entry, string reason)
    {
        state.Rejected.Add(new RejectedEntry(entry.VaultId, entry.EntryId, entry.Version, reason));
        cache.Refused[entry.EntryId] = new RefusedEntry(entry.VaultId, entry.EntryId, entry.Version, Rollback: false, reason);
    }

    /// <summary>Null when the ciphertext decrypts under its claimed coordinates (or cannot be checked yet: a vault we cannot open).</summary>
    private string? Verify(EntryState entry, byte[] ciphertext)
    {
        if (ring.Known(entry.VaultId) is not { } summary) return "it belongs to no vault this account can see";
        if (entry.KeyEpoch < summary.KeyEpoch)
            return $"it claims key epoch {entry.KeyEpoch}, but the vault is at epoch {summary.KeyEpoch} and a re-key re-encrypts every live entry";
        var key = ring.Unwrapped(entry.VaultId, entry.KeyEpoch);
        if (key is null)
        {
            if (summary.Access.KeyEpoch != entry.KeyEpoch) return null;
            try
            {
                key = ring.KeyFor(summary);
            }
            catch (VaultLockedException)
            {
                // Granted by someone whose key cannot be verified yet: stored, but unreadable until it can.
                return null;
            }
        }

        byte[]? plaintext = null;
        try
        {
            var length = EntryCipher.GetPlaintextLength(ciphertext);
            plaintext = ArrayPool<byte>.Shared.Rent(length);
            EntryCipher.Decrypt(key, entry.EntryId, entry.Version, ciphertext, plaintext.AsSpan(0, length));
            return null;
        }
        catch (CryptoException exception)
        {
            return $"it does not decrypt as version {entry.Version} of this entry ({exception.Message})";
        }
        finally
        {
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
                ArrayPool<byte>.Shared.Return(plaintext);
            }
        }
    }
}

internal sealed class SyncState(bool full)
{
    public bool Full { get; set; } = full;
    public int VaultsChanged { get; set; }
    public int Updated { get; set; }
    public int Deleted { get; set; }
    public HashSet<Guid> Seen { get; } = [];
    public HashSet<Guid> SeenVaults { get; } = [];
    public List<Guid> LostAccess { get; } = [];
    public List<SkippedVault> Skipped { get; } = [];
    public List<RollbackAttempt> Rollbacks { get; } = [];
    public List<RejectedEntry> Rejected { get; } = [];
}
