using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>Prepares a rotation of the account's key pairs: every access record it holds or signed, re-sealed or re-signed.</summary>
internal sealed class KeyRotationPreparation(VaultApi vaultApi, VaultKeyRing ring)
{
    public async Task<KeyRotation> PrepareKeyRotationAsync(CancellationToken cancellationToken)
    {
        var old = ring.Keys;
        var next = old.WithNewKeyPairs();
        try
        {
            var records = new List<RotatedAccessRecord>();
            foreach (var summary in (await vaultApi.ListVaultsAsync(cancellationToken)).Items)
            {
                var (current, key) = await ring.ReloadAsync(summary.VaultId, cancellationToken);
                var own = key.WrapFor(next.PublicBundle, (AccessPermission)(int)current.Access.Permission, next);
                records.Add(new RotatedAccessRecord(current.VaultId, old.UserId, own.KeyEpoch, own.WrappedKey, own.Signature));

                var members = await vaultApi.ListMembersAsync(current.VaultId, cancellationToken);
                foreach (var record in members.Items.Where(r => r.GranterId == old.UserId && r.UserId != old.UserId))
                {
                    var grant = AccessRecordVerifier.ToGrant(current.VaultId, record);
                    try
                    {
                        grant.Verify(old.PublicBundle);
                    }
                    catch (CryptoException invalid)
                    {
                        throw new UntrustedAccessRecordException(
                            $"Vault {current.VaultId}: the record of {record.UserId} is not the one you signed ({invalid.Message}); nothing was rotated.");
                    }

                    var resigned = grant.Resign(next);
                    records.Add(new RotatedAccessRecord(current.VaultId, record.UserId, record.KeyEpoch, null, resigned.Signature));
                }
            }

            return new KeyRotation(next, next.WrapPrivateKeys(), KeyHandover.Create(old, next), records);
        }
        catch
        {
            next.Dispose();
            throw;
        }
    }
}
