using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// The checks made on an access record before its key is used or re-signed: the record's epoch is the vault's
/// current epoch; the signature verifies against the granter's pinned bundle; the granter holds an admin record of
/// the same epoch whose own signature verifies against its granter's pinned bundle (one level: a self-signed admin
/// record is the vault creator's or a re-keyer's; a self-signed record of another permission is a member's own record
/// re-sealed by a key rotation). A signature that fails against a pin is retried once against the directory's bundle,
/// which replaces the pin only through a verified key hand-over.
/// </summary>
internal sealed class AccessRecordVerifier(VaultApi api, TrustedKeys trust)
{
    public TrustedKeys Trust => trust;

    public static AccessGrant ToGrant(Guid vaultId, MemberRecord record) => new(
        vaultId, record.UserId, record.KeyEpoch, (AccessPermission)(int)record.Permission, record.GranterId, record.WrappedKey, record.GranterSignature);

    public static AccessGrant ToGrant(VaultSummary summary)
    {
        var access = summary.Access;
        return new AccessGrant(
            summary.VaultId, access.UserId, access.KeyEpoch, (AccessPermission)(int)access.Permission, access.GranterId, access.WrappedKey, access.GranterSignature);
    }

    /// <summary>The granter's pinned bundle once the caller's own record (in <paramref name="summary"/>) passed every check.</summary>
    public async Task<PublicKeyBundle> VerifyOwnRecordAsync(VaultSummary summary, CancellationToken cancellationToken)
    {
        var access = summary.Access;
        if (access.KeyEpoch != summary.KeyEpoch)
        {
            throw new UntrustedAccessRecordException(
                $"Vault {summary.VaultId}: your access record is for key epoch {access.KeyEpoch}, but the vault is at epoch {summary.KeyEpoch} (an old record replayed?).");
        }

        var granter = await VerifySignatureAsync(ToGrant(summary), cancellationToken);
        if (access.GranterId == trust.OwnUserId) return granter;
        await VerifyAdminAsync(summary.VaultId, await api.ListMembersAsync(summary.VaultId, cancellationToken), access.GranterId, summary.KeyEpoch, cancellationToken);
        return granter;
    }

    /// <summary>Verifies one listed record: epoch, signature against the granter's pinned bundle, and the granter's admin record.</summary>
    public async Task VerifyRecordAsync(Guid vaultId, MemberList members, MemberRecord record, CancellationToken cancellationToken)
    {
        if (record.KeyEpoch != members.KeyEpoch)
        {
            throw new UntrustedAccessRecordException(
                $"The access record of {record.UserId} is for key epoch {record.KeyEpoch}, but the vault is at epoch {members.KeyEpoch}.");
        }

        await VerifySignatureAsync(ToGrant(vaultId, record), cancellationToken);

        // A member's record signed by the member itself (a creator's or re-keyer's admin record, or any record re-sealed
        // by a key rotation) holds a key that member sealed for itself; it vouches for nobody else's key.
        if (record.GranterId == record.UserId) return;
        await VerifyAdminAsync(vaultId, members, record.GranterId, members.KeyEpoch, cancellationToken);
    }

    private async Task VerifyAdminAsync(Guid vaultId, MemberList members, Guid granterId, long epoch, CancellationToken cancellationToken)
    {
        if (members.KeyEpoch != epoch)
            throw new UntrustedAccessRecordException($"Vault {vaultId}: the member list is at key epoch {members.KeyEpoch}, the vault at {epoch}.");
        var record = members.Items.FirstOrDefault(r => r.UserId == granterId)
            ?? throw new UntrustedAccessRecordException(
                $"Vault {vaultId}: the record was signed by {granterId}, who is not a member (any more). An admin must re-sign it (pm permission).");
        if (record.Expired)
            throw new UntrustedAccessRecordException($"Vault {vaultId}: the record was signed by {granterId}, whose own access has expired.");
        if (record.Permission != VaultPermission.Admin)
            throw new UntrustedAccessRecordException($"Vault {vaultId}: the record was signed by {granterId}, who is not an admin of the vault.");
        if (record.KeyEpoch != epoch)
            throw new UntrustedAccessRecordException($"Vault {vaultId}: the granter's own record is for key epoch {record.KeyEpoch}, not {epoch}.");
        await VerifySignatureAsync(ToGrant(vaultId, record), cancellationToken);
    }

    /// <summary>
    /// Verifies the signature against the granter's pinned bundle and returns that bundle. When it does not verify, the
    /// granter may have rotated its keys since the pin: the directory is asked, and its bundle replaces the pin only through
    /// hand-over statements that verify from it (<see cref="TrustedKeys"/>); then the signature must verify against it.
    /// </summary>
    private async Task<PublicKeyBundle> VerifySignatureAsync(AccessGrant grant, CancellationToken cancellationToken)
    {
        var pinned = await trust.RequireAsync(grant.GranterId, checkDirectory: false, cancellationToken);
        try
        {
            grant.Verify(pinned.Bundle);
            return pinned.Bundle;
        }
        catch (SignatureInvalidException) when (pinned.State != PinState.Own)
        {
            var current = await trust.RequireAsync(grant.GranterId, checkDirectory: true, cancellationToken);
            if (current.Bundle.Matches(pinned.Bundle)) throw;
            grant.Verify(current.Bundle);
            return current.Bundle;
        }
    }
}
