using System.Text.Json;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>Creating, listing and describing vaults: names are encrypted under the vault key, records verified before use.</summary>
internal sealed class VaultCatalog(VaultApi api, VaultKeyRing ring)
{
    public async Task<UnlockedVault> CreateVaultAsync(string name, VaultKind kind, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var vaultId = Guid.NewGuid();
        using var key = VaultKey.Create(vaultId, 1);
        var grant = key.WrapFor(ring.Keys.PublicBundle, AccessPermission.Admin, ring.Keys);
        var metadata = VaultMetadataCipher.Encrypt(key, JsonSerializer.SerializeToUtf8Bytes(new VaultMetadata(name.Trim()), SdkJson.Options));
        var summary = await api.CreateVaultAsync(new CreateVaultRequest(vaultId, kind, metadata, grant.WrappedKey, grant.Signature), cancellationToken);
        return Describe(summary);
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
