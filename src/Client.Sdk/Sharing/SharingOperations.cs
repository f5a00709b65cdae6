using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>
/// Sharing for an unlocked account: every recipient's bundle is the pinned one (trust on first use, refused when it
/// changed), every record is verified before its key is used or re-signed, and revoke re-keys the whole vault.
/// </summary>
public sealed class SharingOperations
{
    /// <summary>Above this many live entries (or with any attachment) a revoke uses a staged session instead of one request.</summary>
    public const int StagedThreshold = 1000;

    private readonly MemberOperations members;
    private readonly InvitationOperations invitations;
    private readonly KeyRotationPreparation keyRotation;
    private readonly Revocation revocation;

    public SharingOperations(SharingApi api, VaultApi vaultApi, AttachmentApi attachmentApi, VaultOperations vaults, IPendingRekeyStore? pendingRekeys = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(vaultApi);
        ArgumentNullException.ThrowIfNull(attachmentApi);
        ArgumentNullException.ThrowIfNull(vaults);
        var ring = vaults.KeyRing;
        var verifier = ring.Verifier ?? throw new ArgumentException("The vault operations were opened without key pinning.", nameof(vaults));
        Trust = verifier.Trust;
        members = new MemberOperations(api, vaultApi, ring, verifier, Trust, vaults.History);
        invitations = new InvitationOperations(api, ring, Trust, vaults.History);
        keyRotation = new KeyRotationPreparation(vaultApi, ring);
        var staged = new StagedRekey(api, vaultApi, attachmentApi, ring, pendingRekeys ?? new InMemoryPendingRekeyStore(), vaults.History);
        revocation = new Revocation(api, vaultApi, attachmentApi, ring, verifier, Trust, staged, vaults.History);
    }

    public TrustedKeys Trust { get; }

    /// <summary>
    /// Shares the vault with <paramref name="username"/>: their bundle pinned (or checked against the pin), the current
    /// vault key wrapped for them and signed. One record, whatever the vault's size.
    /// </summary>
    /// <exception cref="KeyChangedException">Their bundle differs from the pinned one: nothing was shared.</exception>
    public Task<VerifiedMember> ShareAsync(
        Guid vaultId, string username, VaultPermission permission, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default) =>
        members.ShareAsync(vaultId, username, permission, expiresAt, cancellationToken);

    /// <summary>
    /// Prepares a rotation of this account's key pairs: fresh X25519/Ed25519 keys under the same USK; in every vault the
    /// account is a member of, its own record re-sealed to the new X25519 key and signed by itself with the new signing
    /// key (after its current record verified), and every record it signed for another member re-signed unchanged (after
    /// its old signature verified against the account's own old bundle); and the hand-over statement signed by the old
    /// signing key. Send it with <see cref="Auth.AccountOperations.RotateKeysAsync"/>; the server takes it all or nothing.
    /// </summary>
    /// <exception cref="UntrustedAccessRecordException">A record does not verify: nothing is prepared.</exception>
    public Task<KeyRotation> PrepareKeyRotationAsync(CancellationToken cancellationToken = default) =>
        keyRotation.PrepareKeyRotationAsync(cancellationToken);

    /// <summary>The members, each record verified (signature against the granter's pinned bundle, epoch, granter is an admin).</summary>
    public Task<VaultMembers> ListMembersAsync(Guid vaultId, bool checkKeys = true, CancellationToken cancellationToken = default) =>
        members.ListMembersAsync(vaultId, checkKeys, cancellationToken);

    /// <summary>Changes a member's permission: their record is verified first, then re-signed over the same wrapped key.</summary>
    public Task<VerifiedMember> ChangePermissionAsync(Guid vaultId, Guid userId, VaultPermission permission, CancellationToken cancellationToken = default) =>
        members.ChangePermissionAsync(vaultId, userId, permission, cancellationToken);

    /// <summary>Leaves the vault (a signed record removing this account, when the vault keeps a history).</summary>
    public Task LeaveAsync(Guid vaultId, CancellationToken cancellationToken = default) =>
        members.LeaveAsync(vaultId, cancellationToken);

    /// <summary>Hands the vault to <paramref name="userId"/> (an active admin); ownership is server-side protection, no key changes.</summary>
    public Task<VaultSummary> TransferOwnershipAsync(Guid vaultId, Guid userId, CancellationToken cancellationToken = default) =>
        members.TransferOwnershipAsync(vaultId, userId, cancellationToken);

    public Task<VaultInvitation> InviteAsync(
        Guid vaultId, string invitee, VaultPermission permission, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default) =>
        invitations.InviteAsync(vaultId, invitee, permission, expiresAt, cancellationToken);

    public Task<IReadOnlyList<VaultInvitation>> ListInvitationsAsync(Guid vaultId, CancellationToken cancellationToken = default) =>
        invitations.ListInvitationsAsync(vaultId, cancellationToken);

    public Task<IReadOnlyList<MyInvitation>> ListMyInvitationsAsync(CancellationToken cancellationToken = default) =>
        invitations.ListMyInvitationsAsync(cancellationToken);

    public Task CancelInvitationAsync(Guid vaultId, Guid invitationId, CancellationToken cancellationToken = default) =>
        invitations.CancelInvitationAsync(vaultId, invitationId, cancellationToken);

    /// <summary>A ready invitation and the invitee's directory bundle compared with the pin (nothing pinned yet): show its safety number before confirming.</summary>
    public Task<(VaultInvitation Invitation, DirectoryKey Invitee)> LookupInviteeAsync(Guid vaultId, Guid invitationId, CancellationToken cancellationToken = default) =>
        invitations.LookupInviteeAsync(vaultId, invitationId, cancellationToken);

    /// <summary>
    /// Confirms a ready invitation as a grant to <paramref name="invitee"/> (from <see cref="LookupInviteeAsync"/>, whose
    /// safety number the caller compared): pinned as trusted, the vault key wrapped for that bundle and signed.
    /// </summary>
    /// <exception cref="KeyChangedException">The invitee's bundle differs from a pin made earlier.</exception>
    public Task<VerifiedMember> ConfirmInvitationAsync(VaultInvitation invitation, DirectoryKey invitee, CancellationToken cancellationToken = default) =>
        invitations.ConfirmInvitationAsync(invitation, invitee, cancellationToken);

    /// <summary>A member's id from a username (directory) or an id string.</summary>
    public Task<Guid> ResolveUserAsync(string user, CancellationToken cancellationToken = default) =>
        members.ResolveUserAsync(user, cancellationToken);

    /// <summary>What revoking <paramref name="revoke"/> would re-key, and the entries they fetched (when the server logs it).</summary>
    public Task<RevokePreview> PreviewRevokeAsync(Guid vaultId, IReadOnlyList<Guid> revoke, CancellationToken cancellationToken = default) =>
        revocation.PreviewRevokeAsync(vaultId, revoke, cancellationToken);

    /// <summary>
    /// Revokes <paramref name="revoke"/> by re-keying: every live entry decrypted and re-encrypted under a new key
    /// (epoch + 1), the key wrapped for each remaining member (each record verified, each bundle the pinned one), one
    /// atomic commit. When the vault changed meanwhile (409), it starts over once from a fresh read.
    /// </summary>
    /// <exception cref="KeyChangedException">A remaining member's bundle differs from the pinned one: nothing changed.</exception>
    public Task<RevokeResult> RevokeAsync(
        Guid vaultId, IReadOnlyList<Guid> revoke, IProgress<RekeyProgress>? progress = null, CancellationToken cancellationToken = default) =>
        revocation.RevokeAsync(vaultId, revoke, progress, cancellationToken);
}
