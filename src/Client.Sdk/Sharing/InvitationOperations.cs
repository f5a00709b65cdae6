using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>Invitations by name or email; a ready one becomes a grant only after the invitee's bundle was shown and pinned.</summary>
internal sealed class InvitationOperations(SharingApi api, VaultKeyRing ring, TrustedKeys trust, VaultHistoryBook history)
{
    public Task<VaultInvitation> InviteAsync(
        Guid vaultId, string invitee, VaultPermission permission, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        api.InviteAsync(vaultId, new InviteRequest(invitee, permission, expiresAt), cancellationToken);

    public async Task<IReadOnlyList<VaultInvitation>> ListInvitationsAsync(Guid vaultId, CancellationToken cancellationToken) =>
        (await api.ListInvitationsAsync(vaultId, cancellationToken)).Items;

    public async Task<IReadOnlyList<MyInvitation>> ListMyInvitationsAsync(CancellationToken cancellationToken) =>
        (await api.ListMyInvitationsAsync(cancellationToken)).Items;

    public Task CancelInvitationAsync(Guid vaultId, Guid invitationId, CancellationToken cancellationToken) =>
        api.CancelInvitationAsync(vaultId, invitationId, cancellationToken);

    public async Task<(VaultInvitation Invitation, DirectoryKey Invitee)> LookupInviteeAsync(Guid vaultId, Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = (await api.ListInvitationsAsync(vaultId, cancellationToken)).Items.FirstOrDefault(i => i.InvitationId == invitationId)
            ?? throw new InvitationUnavailableException(vaultId, invitationId, notReady: false, $"No open invitation {invitationId} for vault {vaultId}.");
        if (invitation.InviteeUserId is not { } userId)
            throw new InvitationUnavailableException(
                vaultId, invitationId, notReady: true, $"{invitation.Invitee} has not registered yet; confirm once the invitation is ready.");
        return (invitation, await trust.LookupAsync(userId, cancellationToken));
    }

    public async Task<VerifiedMember> ConfirmInvitationAsync(VaultInvitation invitation, DirectoryKey invitee, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(invitee);
        if (invitation.InviteeUserId != invitee.UserId) throw new ArgumentException("The key is not the invitee's.", nameof(invitee));
        if (invitee.State == PinState.Changed) throw new KeyChangedException(invitee.UserId, invitee.Username, invitee.PinnedFingerprint!, invitee.Fingerprint);
        var bundle = trust.Trust(invitee);
        var (_, key) = await ring.ReloadAsync(invitation.VaultId, cancellationToken);
        var grant = key.WrapFor(bundle, (AccessPermission)(int)invitation.Permission, ring.Keys);
        var record = await history.WriteAsync(
            invitation.VaultId,
            _ => (key.Epoch, [new MemberChange(bundle.UserId, grant.Permission, HistoryHashes.AccessRecord(grant))]),
            signed => api.ConfirmInvitationAsync(
                invitation.VaultId, invitation.InvitationId, new ConfirmInvitationRequest(key.Epoch, grant.WrappedKey, grant.Signature, signed), cancellationToken),
            cancellationToken);
        return new VerifiedMember(
            record.UserId, invitee.Username, record.Permission, record.KeyEpoch, record.GranterId, null, record.ExpiresAt, record.Expired, null,
            PinState.Verified, invitee.Fingerprint);
    }
}
