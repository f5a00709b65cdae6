using System.Net;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Attachments;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>
/// A member as the client verified it: <c>RecordProblem</c> is null when the record's signature, epoch and granter
/// checked out (otherwise it says why not); <c>Key</c> says how the member's directory bundle compares with the pin.
/// </summary>
public sealed record VerifiedMember(
    Guid UserId,
    string? Username,
    VaultPermission Permission,
    long KeyEpoch,
    Guid GranterId,
    string? GranterName,
    DateTimeOffset? ExpiresAt,
    bool Expired,
    string? RecordProblem,
    PinState Key,
    string? Fingerprint)
{
    public bool RecordVerified => RecordProblem is null;
}

public sealed record VaultMembers(Guid VaultId, long KeyEpoch, IReadOnlyList<VerifiedMember> Members);

public enum RekeyStage
{
    Checking = 0,
    Fetching = 1,
    Encrypting = 2,
    Uploading = 3,
    Committed = 4,
}

/// <summary>Progress of a re-key: <paramref name="Done"/> of <paramref name="Total"/> entries in <paramref name="Stage"/>.</summary>
public sealed record RekeyProgress(RekeyStage Stage, int Done, int Total);

/// <summary>What a revoke would do (nothing is changed): what would be re-keyed, and what the revoked members fetched (<c>Exposure</c> is null when the server keeps no access log).</summary>
public sealed record RevokePreview(Guid VaultId, long KeyEpoch, int Entries, int RemainingMembers, IReadOnlyList<Guid> Revoked, IReadOnlyList<MemberExposure>? Exposure);

public sealed record RevokeResult(Guid VaultId, long KeyEpoch, int Entries, int Members, IReadOnlyList<Guid> Revoked, IReadOnlyList<MemberExposure>? Exposure, int Attempts);

/// <summary>
/// Sharing for an unlocked account: every recipient's bundle is the pinned one (trust on first use, refused when it
/// changed), every record is verified before its key is used or re-signed, and revoke re-keys the whole vault.
/// </summary>
public sealed class SharingOperations
{
    /// <summary>Above this many live entries a revoke uses a staged session instead of one request.</summary>
    public const int StagedThreshold = 1000;

    private const int listPage = 1000;
    private const int fetchBatch = 256;
    private const int stagedBatch = 500;

    private readonly SharingApi api;
    private readonly VaultApi vaultApi;
    private readonly AttachmentApi attachmentApi;
    private readonly VaultOperations vaults;
    private readonly AccessRecordVerifier verifier;
    private readonly IPendingRekeyStore pendingRekeys;

    public SharingOperations(SharingApi api, VaultApi vaultApi, AttachmentApi attachmentApi, VaultOperations vaults, IPendingRekeyStore? pendingRekeys = null)
    {
        this.api = api ?? throw new ArgumentNullException(nameof(api));
        this.vaultApi = vaultApi ?? throw new ArgumentNullException(nameof(vaultApi));
        this.attachmentApi = attachmentApi ?? throw new ArgumentNullException(nameof(attachmentApi));
        this.vaults = vaults ?? throw new ArgumentNullException(nameof(vaults));
        this.pendingRekeys = pendingRekeys ?? new InMemoryPendingRekeyStore();
        verifier = vaults.Verifier ?? throw new ArgumentException("The vault operations were opened without key pinning.", nameof(vaults));
    }

    public TrustedKeys Trust => verifier.Trust;

    /// <summary>
    /// Shares the vault with <paramref name="username"/>: their bundle pinned (or checked against the pin), the current
    /// vault key wrapped for them and signed. One record, whatever the vault's size.
    /// </summary>
    /// <exception cref="KeyChangedException">Their bundle differs from the pinned one: nothing was shared.</exception>
    public async Task<VerifiedMember> ShareAsync(
        Guid vaultId, string username, VaultPermission permission, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        var recipient = await Trust.RequireAsync(username, cancellationToken);
        if (recipient.State == PinState.Own) throw new ArgumentException("A vault cannot be shared with yourself.", nameof(username));
        for (var attempt = 0; ; attempt++)
        {
            var (_, key) = await vaults.ReloadAsync(vaultId, cancellationToken);
            var grant = key.WrapFor(recipient.Bundle, (AccessPermission)(int)permission, vaults.Keys);
            try
            {
                var record = await api.GrantAsync(
                    vaultId, new GrantAccessRequest(recipient.UserId, permission, key.Epoch, grant.WrappedKey, grant.Signature, expiresAt), cancellationToken);
                return new VerifiedMember(
                    record.UserId, recipient.Username, record.Permission, record.KeyEpoch, record.GranterId, null, record.ExpiresAt, record.Expired, null,
                    recipient.State, recipient.Fingerprint);
            }
            catch (PmApiException problem) when (problem.Code == "vault.stale_key_epoch" && attempt == 0)
            {
                // Re-keyed in between: wrap the new key.
            }
        }
    }

    /// <summary>
    /// Prepares a rotation of this account's key pairs: fresh X25519/Ed25519 keys under the same USK; in every vault the
    /// account is a member of, its own record re-sealed to the new X25519 key and signed by itself with the new signing
    /// key (after its current record verified), and every record it signed for another member re-signed unchanged (after
    /// its old signature verified against the account's own old bundle); and the hand-over statement signed by the old
    /// signing key. Send it with <see cref="Auth.AccountOperations.RotateKeysAsync"/>; the server takes it all or nothing.
    /// </summary>
    /// <exception cref="UntrustedAccessRecordException">A record does not verify: nothing is prepared.</exception>
    public async Task<KeyRotation> PrepareKeyRotationAsync(CancellationToken cancellationToken = default)
    {
        var old = vaults.Keys;
        var next = old.WithNewKeyPairs();
        try
        {
            var records = new List<RotatedAccessRecord>();
            foreach (var summary in (await vaultApi.ListVaultsAsync(cancellationToken)).Items)
            {
                var (current, key) = await vaults.ReloadAsync(summary.VaultId, cancellationToken);
                var own = key.WrapFor(next.PublicBundle, (AccessPermission)(int)current.Access.Permission, next);
                records.Add(new RotatedAccessRecord(current.VaultId, old.UserId, own.KeyEpoch, own.WrappedKey, own.Signature));

                var members = await api.ListMembersAsync(current.VaultId, cancellationToken);
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

    /// <summary>The members, each record verified (signature against the granter's pinned bundle, epoch, granter is an admin).</summary>
    public async Task<VaultMembers> ListMembersAsync(Guid vaultId, bool checkKeys = true, CancellationToken cancellationToken = default)
    {
        var list = await api.ListMembersAsync(vaultId, cancellationToken);
        var result = new List<VerifiedMember>(list.Items.Count);
        var names = new Dictionary<Guid, string?>();
        foreach (var record in list.Items)
        {
            string? problem = null;
            try
            {
                await verifier.VerifyRecordAsync(vaultId, list, record, cancellationToken);
            }
            catch (Exception exception) when (exception is CryptoException or KeyChangedException or UntrustedAccessRecordException)
            {
                problem = exception.Message;
            }

            var (state, name, fingerprint) = (PinState.NotPinned, (string?)null, (string?)null);
            try
            {
                var key = checkKeys ? await Trust.LookupAsync(record.UserId, cancellationToken) : Trust.Pinned(record.UserId);
                if (key is not null) (state, name, fingerprint) = (key.State, key.Username, key.Fingerprint);
            }
            catch (Exception exception) when (exception is CryptoException or KeyChangedException or PmApiException)
            {
                (state, problem) = (PinState.Changed, problem ?? exception.Message);
            }

            names[record.UserId] = name;
            result.Add(new VerifiedMember(
                record.UserId, name, record.Permission, record.KeyEpoch, record.GranterId, null, record.ExpiresAt, record.Expired, problem, state, fingerprint));
        }

        return new VaultMembers(
            vaultId, list.KeyEpoch, [.. result.Select(m => m with { GranterName = names.GetValueOrDefault(m.GranterId) ?? Trust.Pinned(m.GranterId)?.Username })]);
    }

    /// <summary>Changes a member's permission: their record is verified first, then re-signed over the same wrapped key.</summary>
    public async Task<VerifiedMember> ChangePermissionAsync(Guid vaultId, Guid userId, VaultPermission permission, CancellationToken cancellationToken = default)
    {
        var list = await api.ListMembersAsync(vaultId, cancellationToken);
        var record = list.Items.FirstOrDefault(r => r.UserId == userId)
            ?? throw new PmApiException(HttpStatusCode.NotFound, "vault.member_not_found", $"User {userId} is not a member of vault {vaultId}.");
        await verifier.VerifyRecordAsync(vaultId, list, record, cancellationToken);
        var resigned = AccessRecordVerifier.ToGrant(vaultId, record).Resign((AccessPermission)(int)permission, vaults.Keys);
        var changed = await api.ChangePermissionAsync(vaultId, userId, new ChangePermissionRequest(permission, resigned.Signature), cancellationToken);
        var pinned = Trust.Pinned(userId);
        return new VerifiedMember(
            changed.UserId, pinned?.Username, changed.Permission, changed.KeyEpoch, changed.GranterId, null, changed.ExpiresAt, changed.Expired, null,
            pinned?.State ?? PinState.NotPinned, pinned?.Fingerprint);
    }

    public Task LeaveAsync(Guid vaultId, CancellationToken cancellationToken = default) => api.LeaveAsync(vaultId, cancellationToken);

    /// <summary>Hands the vault to <paramref name="userId"/> (an active admin); ownership is server-side protection, no key changes.</summary>
    public Task<VaultSummary> TransferOwnershipAsync(Guid vaultId, Guid userId, CancellationToken cancellationToken = default) =>
        api.TransferOwnershipAsync(vaultId, userId, cancellationToken);

    public Task<VaultInvitation> InviteAsync(
        Guid vaultId, string invitee, VaultPermission permission, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default) =>
        api.InviteAsync(vaultId, new InviteRequest(invitee, permission, expiresAt), cancellationToken);

    public async Task<IReadOnlyList<VaultInvitation>> ListInvitationsAsync(Guid vaultId, CancellationToken cancellationToken = default) =>
        (await api.ListInvitationsAsync(vaultId, cancellationToken)).Items;

    public async Task<IReadOnlyList<MyInvitation>> ListMyInvitationsAsync(CancellationToken cancellationToken = default) =>
        (await api.ListMyInvitationsAsync(cancellationToken)).Items;

    public Task CancelInvitationAsync(Guid vaultId, Guid invitationId, CancellationToken cancellationToken = default) =>
        api.CancelInvitationAsync(vaultId, invitationId, cancellationToken);

    /// <summary>A ready invitation and the invitee's directory bundle compared with the pin (nothing pinned yet): show its safety number before confirming.</summary>
    public async Task<(VaultInvitation Invitation, DirectoryKey Invitee)> LookupInviteeAsync(Guid vaultId, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var invitation = (await api.ListInvitationsAsync(vaultId, cancellationToken)).Items.FirstOrDefault(i => i.InvitationId == invitationId)
            ?? throw new PmApiException(HttpStatusCode.NotFound, "vault.invitation_not_found", $"No open invitation {invitationId} for vault {vaultId}.");
        if (invitation.InviteeUserId is not { } userId)
            throw new PmApiException(HttpStatusCode.Conflict, "vault.invitation_not_ready", $"{invitation.Invitee} has not registered yet; confirm once the invitation is ready.");
        return (invitation, await Trust.LookupAsync(userId, cancellationToken));
    }

    /// <summary>
    /// Confirms a ready invitation as a grant to <paramref name="invitee"/> (from <see cref="LookupInviteeAsync"/>, whose
    /// safety number the caller compared): pinned as trusted, the vault key wrapped for that bundle and signed.
    /// </summary>
    /// <exception cref="KeyChangedException">The invitee's bundle differs from a pin made earlier.</exception>
    public async Task<VerifiedMember> ConfirmInvitationAsync(VaultInvitation invitation, DirectoryKey invitee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(invitee);
        if (invitation.InviteeUserId != invitee.UserId) throw new ArgumentException("The key is not the invitee's.", nameof(invitee));
        if (invitee.State == PinState.Changed) throw new KeyChangedException(invitee.UserId, invitee.Username, invitee.PinnedFingerprint!, invitee.Fingerprint);
        var bundle = Trust.Trust(invitee);
        var (_, key) = await vaults.ReloadAsync(invitation.VaultId, cancellationToken);
        var grant = key.WrapFor(bundle, (AccessPermission)(int)invitation.Permission, vaults.Keys);
        var record = await api.ConfirmInvitationAsync(
            invitation.VaultId, invitation.InvitationId, new ConfirmInvitationRequest(key.Epoch, grant.WrappedKey, grant.Signature), cancellationToken);
        return new VerifiedMember(
            record.UserId, invitee.Username, record.Permission, record.KeyEpoch, record.GranterId, null, record.ExpiresAt, record.Expired, null,
            PinState.Verified, invitee.Fingerprint);
    }

    /// <summary>A member's id from a username (directory) or an id string.</summary>
    public async Task<Guid> ResolveUserAsync(string user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (Guid.TryParse(user, out var id)) return id;
        return (await api.GetPublicKeyAsync(user.Trim(), cancellationToken)).UserId;
    }

    /// <summary>What revoking <paramref name="revoke"/> would re-key, and the entries they fetched (when the server logs it).</summary>
    public async Task<RevokePreview> PreviewRevokeAsync(Guid vaultId, IReadOnlyList<Guid> revoke, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revoke);
        var list = await api.ListMembersAsync(vaultId, cancellationToken);
        RequireMembers(vaultId, list, revoke);
        var entries = 0;
        Guid? after = null;
        do
        {
            var page = await vaultApi.ListEntriesAsync(vaultId, after, listPage, includeDeleted: false, cancellationToken);
            entries += page.Items.Count;
            after = page.Next;
        }
        while (after is not null);

        var exposure = await ExposureAsync(vaultId, revoke, cancellationToken);
        return new RevokePreview(vaultId, list.KeyEpoch, entries, list.Items.Count(m => !m.Expired && !revoke.Contains(m.UserId)), revoke, exposure);
    }

    /// <summary>
    /// Revokes <paramref name="revoke"/> by re-keying: every live entry decrypted and re-encrypted under a new key
    /// (epoch + 1), the key wrapped for each remaining member (each record verified, each bundle the pinned one), one
    /// atomic commit. When the vault changed meanwhile (409), it starts over once from a fresh read.
    /// </summary>
    /// <exception cref="KeyChangedException">A remaining member's bundle differs from the pinned one: nothing changed.</exception>
    public async Task<RevokeResult> RevokeAsync(
        Guid vaultId, IReadOnlyList<Guid> revoke, IProgress<RekeyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revoke);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RekeyOnceAsync(vaultId, revoke, progress, attempt, cancellationToken);
            }
            catch (PmApiException problem) when (attempt == 1 && problem.Code is "vault.rekey_mismatch" or "vault.stale_key_epoch" or "vault.stale_version")
            {
                // Someone wrote or re-keyed in between; a fresh read covers their change.
            }
        }
    }

    private async Task<RevokeResult> RekeyOnceAsync(
        Guid vaultId, IReadOnlyList<Guid> revoke, IProgress<RekeyProgress>? progress, int attempt, CancellationToken cancellationToken)
    {
        progress?.Report(new RekeyProgress(RekeyStage.Checking, 0, 0));
        var (summary, key) = await vaults.ReloadAsync(vaultId, cancellationToken);
        var list = await api.ListMembersAsync(vaultId, cancellationToken);
        if (list.KeyEpoch != key.Epoch)
            throw new UntrustedAccessRecordException($"Vault {vaultId}: the member list is at key epoch {list.KeyEpoch}, the vault at {key.Epoch}.");
        RequireMembers(vaultId, list, revoke);

        var members = new List<RekeyMember>();
        // Expired members still hold the current key: the server revokes them with this re-key, and they get no new one.
        foreach (var record in list.Items.Where(r => !r.Expired && !revoke.Contains(r.UserId)))
        {
            // The permission is re-signed, so the record must be one an admin signed; the key goes to the pinned bundle only.
            await verifier.VerifyRecordAsync(vaultId, list, record, cancellationToken);
            var bundle = await Trust.RequireAsync(record.UserId, checkDirectory: true, cancellationToken);
            members.Add(new RekeyMember(bundle.Bundle, (AccessPermission)(int)record.Permission));
        }

        var live = await ListLiveAsync(vaultId, cancellationToken);
        var metadata = summary.EncryptedMetadata is { } oldMetadata ? VaultMetadataCipher.Decrypt(key, oldMetadata) : null;
        try
        {
            if (live.Count > StagedThreshold) return Result(await StagedAsync(summary, key, revoke, live, members, metadata, progress, cancellationToken), attempt);
            try
            {
                return Result(await OneShotAsync(key, revoke, live, members, metadata, progress, cancellationToken), attempt);
            }
            catch (PmApiException problem) when (problem.Code == "vault.rekey_mismatch" && MissingAttachments(problem) > 0)
            {
                // Attachments are re-encrypted as streams, which only a staged session takes.
                return Result(await StagedAsync(summary, key, revoke, live, members, metadata, progress, cancellationToken), attempt);
            }
        }
        finally
        {
            if (metadata is not null) System.Security.Cryptography.CryptographicOperations.ZeroMemory(metadata);
        }
    }

    private static RevokeResult Result(RekeyOutcome outcome, int attempt) =>
        new(outcome.VaultId, outcome.KeyEpoch, outcome.Entries, outcome.Members, outcome.Revoked, outcome.Exposure, attempt);

    private async Task<RekeyOutcome> OneShotAsync(
        VaultKey key, IReadOnlyList<Guid> revoke, List<EntryState> live, List<RekeyMember> members, byte[]? metadata,
        IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        var vaultId = key.VaultId;
        var entries = await FetchAsync(key, live, progress, cancellationToken);
        progress?.Report(new RekeyProgress(RekeyStage.Encrypting, 0, entries.Count));
        using var rekeyed = await Task.Run(() => VaultRekey.Rekey(key, entries, members, vaults.Keys), cancellationToken);
        progress?.Report(new RekeyProgress(RekeyStage.Uploading, entries.Count, entries.Count));
        var replaces = entries.ToDictionary(e => e.EntryId, e => e.Version);
        var request = new RekeyRequest(
            key.Epoch,
            revoke,
            [.. rekeyed.Entries.Select(e => new RekeyEntry(e.EntryId, replaces[e.EntryId], e.Ciphertext, NameIndexUnder(rekeyed.NewKey, e)))],
            [.. rekeyed.Grants.Select(g => new RekeyMemberKey(g.RecipientId, g.WrappedKey, g.Signature))],
            metadata is null ? null : VaultMetadataCipher.Encrypt(rekeyed.NewKey, metadata));
        var outcome = await api.RekeyAsync(vaultId, request, cancellationToken);
        progress?.Report(new RekeyProgress(RekeyStage.Committed, entries.Count, entries.Count));
        await vaults.ReloadAsync(vaultId, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// A staged re-key: entries uploaded in batches and attachments streamed into a session, then one commit. The new
    /// key is kept sealed to the admin's own key in <see cref="IPendingRekeyStore"/>, so an interrupted run resumes the
    /// open session (skipping what it already holds at the right version) instead of starting over.
    /// </summary>
    private async Task<RekeyOutcome> StagedAsync(
        VaultSummary summary, VaultKey key, IReadOnlyList<Guid> revoke, List<EntryState> live, List<RekeyMember> members, byte[]? metadata,
        IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        var vaultId = summary.VaultId;
        var (state, newKey) = await OpenOrResumeAsync(vaultId, key.Epoch, revoke, cancellationToken);
        using (newKey)
        {
            var uploaded = (state.Uploaded ?? []).ToDictionary(e => e.EntryId, e => e.ReplacesVersion);
            var pending = live.Where(e => !uploaded.TryGetValue(e.EntryId, out var replaces) || replaces != e.Version).ToList();
            var done = live.Count - pending.Count;
            progress?.Report(new RekeyProgress(RekeyStage.Uploading, done, live.Count));
            foreach (var batch in pending.Chunk(stagedBatch))
            {
                var entries = await FetchAsync(key, batch, progress: null, cancellationToken);
                var rekeyed = await Task.Run(() => Reencrypt(key, newKey, entries), cancellationToken);
                await api.UploadRekeyEntriesAsync(vaultId, state.SessionId, new UploadRekeyEntriesRequest(rekeyed), cancellationToken);
                done += batch.Length;
                progress?.Report(new RekeyProgress(RekeyStage.Uploading, done, live.Count));
            }

            var staged = (state.UploadedAttachments ?? []).ToHashSet();
            var liveIds = live.Select(e => e.EntryId).ToHashSet();
            foreach (var attachment in (await ListAttachmentsAsync(vaultId, cancellationToken)).Where(a => liveIds.Contains(a.EntryId) && !staged.Contains(a.AttachmentId)))
                await ReencryptAttachmentAsync(state.SessionId, key, newKey, attachment, cancellationToken);

            var grants = members.Select(m => newKey.WrapFor(m.Bundle, m.Permission, vaults.Keys)).ToList();
            var outcome = await api.CommitRekeySessionAsync(
                vaultId,
                state.SessionId,
                new CommitRekeySessionRequest(
                    [.. grants.Select(g => new RekeyMemberKey(g.RecipientId, g.WrappedKey, g.Signature))],
                    metadata is null ? null : VaultMetadataCipher.Encrypt(newKey, metadata)),
                cancellationToken);
            pendingRekeys.Remove(vaultId);
            progress?.Report(new RekeyProgress(RekeyStage.Committed, live.Count, live.Count));
            await vaults.ReloadAsync(vaultId, cancellationToken);
            return outcome;
        }
    }

    private async Task<(RekeySessionState State, VaultKey NewKey)> OpenOrResumeAsync(
        Guid vaultId, long fromEpoch, IReadOnlyList<Guid> revoke, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenAsync(vaultId, fromEpoch, revoke, cancellationToken);
        }
        catch (PmApiException problem) when (problem.Code == "vault.rekey_session_open" && OpenSessionId(problem) is { } sessionId)
        {
            var pending = pendingRekeys.Find(vaultId);
            if (pending is not null && pending.SessionId == sessionId && pending.FromKeyEpoch == fromEpoch)
            {
                var state = await api.GetRekeySessionAsync(vaultId, sessionId, cancellationToken);
                if (state.Revoke.Order().SequenceEqual(revoke.Order()))
                {
                    var own = vaults.Keys.PublicBundle;
                    var grant = new AccessGrant(vaultId, own.UserId, fromEpoch + 1, AccessPermission.Admin, own.UserId, pending.WrappedKey, pending.Signature);
                    return (state, VaultKey.Unwrap(grant, own, vaults.Keys));
                }
            }

            // A session this device cannot continue (another device's, or another revoke): start over.
            await api.AbortRekeySessionAsync(vaultId, sessionId, cancellationToken);
            return await OpenAsync(vaultId, fromEpoch, revoke, cancellationToken);
        }
    }

    private async Task<(RekeySessionState State, VaultKey NewKey)> OpenAsync(Guid vaultId, long fromEpoch, IReadOnlyList<Guid> revoke, CancellationToken cancellationToken)
    {
        var state = await api.OpenRekeySessionAsync(vaultId, new OpenRekeySessionRequest(fromEpoch, revoke), cancellationToken);
        var newKey = VaultKey.Create(vaultId, checked(fromEpoch + 1));
        var self = newKey.WrapFor(vaults.Keys.PublicBundle, AccessPermission.Admin, vaults.Keys);
        pendingRekeys.Save(new PendingRekey(vaultId, state.SessionId, fromEpoch, self.WrappedKey, self.Signature));
        return (state, newKey);
    }

    private static List<RekeyEntry> Reencrypt(VaultKey key, VaultKey newKey, List<EncryptedEntry> entries)
    {
        var result = new RekeyEntry[entries.Count];
        Parallel.For(0, entries.Count, i =>
        {
            var entry = entries[i];
            var plaintext = EntryCipher.Decrypt(key, entry.EntryId, entry.Version, entry.Ciphertext);
            try
            {
                result[i] = new RekeyEntry(
                    entry.EntryId, entry.Version, EntryCipher.Encrypt(newKey, entry.EntryId, checked(entry.Version + 1), plaintext),
                    VaultOperations.NameIndexOf(newKey, plaintext));
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
            }
        });
        return [.. result];
    }

    /// <summary>The name index of a re-encrypted entry under the new key, read back from its new ciphertext.</summary>
    private static string? NameIndexUnder(VaultKey newKey, EncryptedEntry entry)
    {
        var plaintext = EntryCipher.Decrypt(newKey, entry.EntryId, entry.Version, entry.Ciphertext);
        try
        {
            return VaultOperations.NameIndexOf(newKey, plaintext);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The vault's live attachments, from a full sync's pages (the only listing that spans the vault).</summary>
    private async Task<List<AttachmentState>> ListAttachmentsAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, AttachmentState>();
        string? cursor = null;
        do
        {
            var page = await vaultApi.SyncAsync(cursor, cancellationToken: cancellationToken);
            foreach (var attachment in (page.Attachments ?? []).Where(a => a.VaultId == vaultId)) result[attachment.AttachmentId] = attachment;
            cursor = page.HasMore ? page.Cursor : null;
        }
        while (cursor is not null);

        return [.. result.Values.Where(a => !a.Deleted)];
    }

    private async Task ReencryptAttachmentAsync(Guid sessionId, VaultKey key, VaultKey newKey, AttachmentState attachment, CancellationToken cancellationToken)
    {
        if (attachment.KeyEpoch != key.Epoch)
            throw new DecryptionFailedException($"Attachment {attachment.AttachmentId} is not at the vault's key epoch {key.Epoch}; refusing to re-key it.");
        using var response = await attachmentApi.DownloadAsync(attachment.VaultId, attachment.EntryId, attachment.AttachmentId, cancellationToken: cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var source = await AttachmentCipher.OpenAsync(key, attachment.EntryId, attachment.AttachmentId, body, cancellationToken: cancellationToken);
        await using var reencrypted = AttachmentCipher.Reencrypt(source, newKey, attachment.EntryId, attachment.AttachmentId);
        await api.UploadRekeyAttachmentAsync(attachment.VaultId, sessionId, attachment.AttachmentId, reencrypted, reencrypted.CiphertextLength, cancellationToken);
    }

    private static int MissingAttachments(PmApiException problem) =>
        problem.Details is { ValueKind: System.Text.Json.JsonValueKind.Object } details
        && details.TryGetProperty("missingAttachments", out var missing) && missing.ValueKind == System.Text.Json.JsonValueKind.Array
            ? missing.GetArrayLength()
            : 0;

    private static Guid? OpenSessionId(PmApiException problem) =>
        problem.Details is { ValueKind: System.Text.Json.JsonValueKind.Object } details
        && details.TryGetProperty("sessionId", out var id) && id.TryGetGuid(out var sessionId)
            ? sessionId
            : null;

    private async Task<List<EntryState>> ListLiveAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        var states = new List<EntryState>();
        Guid? after = null;
        do
        {
            var page = await vaultApi.ListEntriesAsync(vaultId, after, listPage, includeDeleted: false, cancellationToken);
            states.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        return states;
    }

    private async Task<List<EncryptedEntry>> FetchAsync(VaultKey key, IReadOnlyList<EntryState> states, IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        var entries = new List<EncryptedEntry>(states.Count);
        progress?.Report(new RekeyProgress(RekeyStage.Fetching, 0, states.Count));
        foreach (var chunk in states.Chunk(fetchBatch))
        {
            var fetched = await vaultApi.FetchEntriesAsync(key.VaultId, new FetchEntriesRequest([.. chunk.Select(s => s.EntryId)]), cancellationToken);
            foreach (var item in fetched.Items.Where(i => !i.Entry.Deleted))
            {
                if (item.Entry.KeyEpoch != key.Epoch || item.Ciphertext is null)
                    throw new DecryptionFailedException($"Entry {item.Entry.EntryId} is not at the vault's key epoch {key.Epoch}; refusing to re-key it.");
                entries.Add(new EncryptedEntry(item.Entry.EntryId, item.Entry.Version, item.Ciphertext));
            }

            progress?.Report(new RekeyProgress(RekeyStage.Fetching, entries.Count, states.Count));
        }

        return entries;
    }

    private async Task<IReadOnlyList<MemberExposure>?> ExposureAsync(Guid vaultId, IReadOnlyList<Guid> users, CancellationToken cancellationToken)
    {
        var result = new List<MemberExposure>();
        foreach (var user in users)
        {
            try
            {
                result.Add(await api.GetExposureAsync(vaultId, user, cancellationToken));
            }
            catch (PmApiException problem) when (problem.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed && !problem.Code.StartsWith("vault.", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return result;
    }

    private static void RequireMembers(Guid vaultId, MemberList list, IReadOnlyList<Guid> revoke)
    {
        if (revoke.Count == 0) throw new ArgumentException("Name at least one member to revoke.", nameof(revoke));
        foreach (var user in revoke.Where(u => list.Items.All(m => m.UserId != u)))
            throw new PmApiException(HttpStatusCode.NotFound, "vault.member_not_found", $"User {user} is not a member of vault {vaultId}.");
    }
}
