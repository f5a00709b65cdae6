using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// The vault keys of an unlocked account: a key is unwrapped only from an access record whose checks passed (its epoch
/// is the vault's, and a record granted by someone else verified against that granter's pinned bundle). Keeps the last
/// vault rows seen, so a key of the current epoch opens without a request. Not thread-safe; dispose to wipe the keys.
/// </summary>
internal sealed class VaultKeyRing(VaultApi api, AccountKeys keys, AccessRecordVerifier? verifier) : IDisposable
{
    private readonly Dictionary<Guid, VaultSummary> summaries = [];
    private readonly Dictionary<(Guid VaultId, long Epoch), VaultKey> vaultKeys = [];
    private readonly Dictionary<(Guid VaultId, long Epoch, Guid GranterId), PublicKeyBundle> verifiedGranters = [];
    private readonly Dictionary<Guid, Exception> refusedRecords = [];

    public AccountKeys Keys => keys;

    public AccessRecordVerifier? Verifier => verifier;

    public VaultSummary? Known(Guid vaultId) => summaries.GetValueOrDefault(vaultId);

    public void Remember(VaultSummary summary) => summaries[summary.VaultId] = summary;

    public void Forget(Guid vaultId) => summaries.Remove(vaultId);

    /// <summary>The key of <paramref name="epoch"/> already unwrapped, if any.</summary>
    public VaultKey? Unwrapped(Guid vaultId, long epoch) => vaultKeys.GetValueOrDefault((vaultId, epoch));

    /// <summary>The verified key of the vault's current epoch, reading the vault from the server when it is not known yet.</summary>
    public async Task<VaultKey> KeyForAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        if (!summaries.TryGetValue(vaultId, out var summary))
        {
            summary = await api.GetVaultAsync(vaultId, cancellationToken);
            await VerifyGrantersAsync([summary], cancellationToken);
        }

        return KeyFor(summary);
    }

    /// <summary>The verified vault key of <paramref name="epoch"/> (null: the vault's current epoch).</summary>
    public async Task<VaultKey> KeyForAsync(Guid vaultId, long? epoch, CancellationToken cancellationToken)
    {
        var key = await KeyForAsync(vaultId, cancellationToken);
        return epoch is { } wanted && wanted != key.Epoch ? CachedKey(vaultId, wanted) : key;
    }

    /// <summary>The vault as the server describes it now, its record verified and its key unwrapped.</summary>
    public async Task<(VaultSummary Summary, VaultKey Key)> ReloadAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        var summary = await api.GetVaultAsync(vaultId, cancellationToken);
        await VerifyGrantersAsync([summary], cancellationToken);
        return (summary, KeyFor(summary));
    }

    public VaultKey CachedKey(Guid vaultId, long epoch)
    {
        if (vaultKeys.TryGetValue((vaultId, epoch), out var key)) return key;
        if (summaries.TryGetValue(vaultId, out var summary) && summary.Access.KeyEpoch == epoch) return KeyFor(summary);
        throw new VaultLockedException(vaultId, $"No key of epoch {epoch} for vault {vaultId} (the vault was re-keyed; sync first).");
    }

    /// <summary>
    /// Checks the records granted by someone else (epoch, signature against the granter's pinned bundle, granter is an
    /// admin) before <see cref="KeyFor"/> may use them; a record that fails is remembered with its reason.
    /// </summary>
    public async Task VerifyGrantersAsync(IEnumerable<VaultSummary> vaults, CancellationToken cancellationToken)
    {
        if (verifier is null) return;
        foreach (var summary in vaults.ToList())
        {
            var access = summary.Access;
            if (access.GranterId == keys.UserId) continue;

            // A record re-signed since (its granter rotated its keys) is verified again, through the hand-over.
            if (verifiedGranters.TryGetValue((summary.VaultId, access.KeyEpoch, access.GranterId), out var known) && SignedBy(summary, known)) continue;
            try
            {
                verifiedGranters[(summary.VaultId, access.KeyEpoch, access.GranterId)] = await verifier.VerifyOwnRecordAsync(summary, cancellationToken);
                refusedRecords.Remove(summary.VaultId);
            }
            catch (Exception exception) when (exception is CryptoException or KeyChangedException or UntrustedAccessRecordException
                || (exception is PmApiException { Status: System.Net.HttpStatusCode.NotFound }))
            {
                refusedRecords[summary.VaultId] = exception;
            }
        }
    }

    /// <exception cref="VaultLockedException">The record was granted by someone else (not verifiable yet) or does not verify.</exception>
    public VaultKey KeyFor(VaultSummary summary)
    {
        summaries[summary.VaultId] = summary;
        var access = summary.Access;
        if (access.KeyEpoch != summary.KeyEpoch)
        {
            throw new VaultLockedException(
                summary.VaultId, $"Vault {summary.VaultId}: your access record is for key epoch {access.KeyEpoch}, but the vault is at epoch {summary.KeyEpoch}; refused (a replayed record?).");
        }

        if (vaultKeys.TryGetValue((summary.VaultId, access.KeyEpoch), out var known)) return known;
        PublicKeyBundle granterBundle;
        if (access.GranterId == keys.UserId)
        {
            granterBundle = keys.PublicBundle;
        }
        else if (verifiedGranters.TryGetValue((summary.VaultId, access.KeyEpoch, access.GranterId), out var verified))
        {
            granterBundle = verified;
        }
        else
        {
            var refused = refusedRecords.GetValueOrDefault(summary.VaultId);
            throw new VaultLockedException(
                summary.VaultId,
                refused is null
                    ? $"Vault {summary.VaultId} was shared with you by user {access.GranterId}, whose signature is not verified yet (sync first). Skipped."
                    : $"Vault {summary.VaultId}: the access record shared by user {access.GranterId} was refused: {refused.Message}",
                refused);
        }

        var grant = AccessRecordVerifier.ToGrant(summary);
        try
        {
            var key = VaultKey.Unwrap(grant, granterBundle, keys);
            vaultKeys[(summary.VaultId, access.KeyEpoch)] = key;
            return key;
        }
        catch (CryptoException exception)
        {
            throw new VaultLockedException(summary.VaultId, $"Vault {summary.VaultId}: its access record failed verification ({exception.Message}).", exception);
        }
    }

    public void Dispose()
    {
        foreach (var key in vaultKeys.Values) key.Dispose();
        vaultKeys.Clear();
    }

    private static bool SignedBy(VaultSummary summary, PublicKeyBundle granter)
    {
        try
        {
            AccessRecordVerifier.ToGrant(summary).Verify(granter);
            return true;
        }
        catch (CryptoException)
        {
            return false;
        }
    }
}
