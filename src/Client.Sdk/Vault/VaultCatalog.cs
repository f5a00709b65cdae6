using System.Text.Json;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Vault.Contracts;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>Creating, listing and describing vaults: names are encrypted under the vault key, records verified before use.</summary>
internal sealed class VaultCatalog(VaultApi api, VaultKeyRing ring, VaultHistoryBook history)
{
    public async Task<UnlockedVault> CreateVaultAsync(string name, VaultKind kind, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var vaultId = Guid.NewGuid();
        using var key = VaultKey.Create(vaultId, 1);
        var grant = key.WrapFor(ring.Keys.PublicBundle, AccessPermission.Admin, ring.Keys);
        var metadata = VaultMetadataCipher.Encrypt(key, JsonSerializer.SerializeToUtf8Bytes(new VaultMetadata(name.Trim()), SdkJson.Options));
        // The vault's history starts with a checkpoint of its only member: the creator, admin.
        var genesis = history.SignGenesis(vaultId, key.Epoch, [new MemberChange(ring.Keys.UserId, AccessPermission.Admin, HistoryHashes.AccessRecord(grant))]);
        var summary = await api.CreateVaultAsync(
            new CreateVaultRequest(vaultId, kind, metadata, grant.WrappedKey, grant.Signature, history.MeasuringWithout ? null : Convert.ToBase64String(genesis.Bytes)),
            cancellationToken);
        if (!history.MeasuringWithout) history.Accept(vaultId, genesis);
        return Describe(summary);
    }

    /// <summary>
    /// The first record of a vault created before signed history: a checkpoint of what this device verified — the cached
    /// live entries (a sync just ran), <paramref name="attachments"/> (hashed from their stored bodies) and every active
    /// member whose access record verifies.
    /// </summary>
    public async Task<HistoryRecord> CheckpointAsync(
        LocalVaultCache cache, Guid vaultId, IReadOnlyList<AttachmentChange> attachments, AccessRecordVerifier verifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        history.Attach(cache);
        if (history.State(vaultId) is { IsEmpty: false } held)
            throw new InvalidOperationException($"Vault {vaultId} already has a signed history (head {held.HeadCode}).");
        var (summary, _) = await ring.ReloadAsync(vaultId, cancellationToken);
        if (summary.Access.Permission != VaultPermission.Admin)
            throw new UnauthorizedAccessException($"Only an admin of vault {vaultId} can write its first checkpoint.");
        var members = await api.ListMembersAsync(vaultId, cancellationToken);
        var changes = new List<HistoryChange>();
        foreach (var member in members.Items.Where(m => !m.Expired))
        {
            await verifier.VerifyRecordAsync(vaultId, members, member, cancellationToken);
            changes.Add(new MemberChange(member.UserId, (AccessPermission)(int)member.Permission, HistoryHashes.AccessRecord(AccessRecordVerifier.ToGrant(vaultId, member))));
        }

        foreach (var entry in cache.LiveEntries(vaultId))
        {
            if (cache.Refused.ContainsKey(entry.EntryId) || entry.Ciphertext is null)
                throw new InvalidOperationException($"Entry {entry.EntryId} of vault {vaultId} was refused by this device: it cannot vouch for it in a checkpoint.");
            changes.Add(new EntryChange(entry.EntryId, entry.Version, Deleted: false, HistoryHashes.Ciphertext(entry.Ciphertext)));
        }

        changes.AddRange(attachments);
        var record = history.SignGenesis(vaultId, members.KeyEpoch, changes);
        await history.Api.AppendCheckpointAsync(vaultId, record.Bytes, cancellationToken);
        history.Accept(vaultId, record);
        return record;
    }

    public async Task<UnlockedVault> GetOrCreatePersonalVaultAsync(CancellationToken cancellationToken)
    {
        var listing = await ListVaultsAsync(cancellationToken);
        if (listing.Vaults.FirstOrDefault(v => v.Kind == VaultKind.Personal) is { } personal) return personal;
        try
        {
            return await CreateVaultAsync(VaultOperations.PersonalVaultName, VaultKind.Personal, cancellationToken);
        }
        catch (PmApiException problem) when (problem.Code == ProblemCodes.PersonalVaultExists)
        {
            // Another device created it in between.
            listing = await ListVaultsAsync(cancellationToken);
            return listing.Vaults.First(v => v.Kind == VaultKind.Personal);
        }
    }

    public async Task<VaultListing> ListVaultsAsync(CancellationToken cancellationToken)
    {
        var list = await api.ListVaultsAsync(cancellationToken);
        await ring.VerifyGrantersAsync(list.Items, cancellationToken);
        return Describe(list.Items);
    }

    public VaultListing Describe(IEnumerable<VaultSummary> vaults)
    {
        ArgumentNullException.ThrowIfNull(vaults);
        var unlocked = new List<UnlockedVault>();
        var skipped = new List<SkippedVault>();
        foreach (var summary in vaults)
        {
            try
            {
                unlocked.Add(Describe(summary));
            }
            catch (VaultLockedException locked)
            {
                skipped.Add(new SkippedVault(summary.VaultId, locked.Message));
            }
        }

        return new VaultListing(unlocked, skipped);
    }

    public UnlockedVault Describe(VaultSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var key = ring.KeyFor(summary);
        var name = "(unnamed)";
        if (summary.EncryptedMetadata is { } metadata && key.Epoch == summary.KeyEpoch)
        {
            try
            {
                name = JsonSerializer.Deserialize<VaultMetadata>(VaultMetadataCipher.Decrypt(key, metadata), SdkJson.Options)?.Name ?? name;
            }
            catch (Exception exception) when (exception is CryptoException or JsonException)
            {
                throw new VaultLockedException(summary.VaultId, $"Vault {summary.VaultId}: its metadata does not decrypt under its key ({exception.Message}).", exception);
            }
        }

        return new UnlockedVault(summary.VaultId, summary.Kind, name, summary.Access.KeyEpoch, summary.Access.Permission, summary.Revision, summary.CreatedAt);
    }

    private sealed record VaultMetadata(string Name);
}
