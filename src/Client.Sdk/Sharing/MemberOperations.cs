using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>Granting, listing and changing members: every bundle the pinned one, every record verified before it is re-signed.</summary>
internal sealed class MemberOperations(
    SharingApi api, VaultApi vaultApi, VaultKeyRing ring, AccessRecordVerifier verifier, TrustedKeys trust, VaultHistoryBook history)
{
    public async Task<VerifiedMember> ShareAsync(
        Guid vaultId, string username, VaultPermission permission, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var recipient = await trust.RequireAsync(username, cancellationToken);
        if (recipient.State == PinState.Own) throw new ArgumentException("A vault cannot be shared with yourself.", nameof(username));
        for (var attempt = 0; ; attempt++)
        {
            var (_, key) = await ring.ReloadAsync(vaultId, cancellationToken);
            var grant = key.WrapFor(recipient.Bundle, (AccessPermission)(int)permission, ring.Keys);
            try
            {
                var record = await history.WriteAsync(
                    vaultId,
                    _ => (key.Epoch, [new MemberChange(recipient.UserId, grant.Permission, HistoryHashes.AccessRecord(grant))]),
                    signed => api.GrantAsync(
                        vaultId, new GrantAccessRequest(recipient.UserId, permission, key.Epoch, grant.WrappedKey, grant.Signature, expiresAt, signed), cancellationToken),
                    cancellationToken);
                return new VerifiedMember(
                    record.UserId, recipient.Username, record.Permission, record.KeyEpoch, record.GranterId, null, record.ExpiresAt, record.Expired, null,
                    recipient.State, recipient.Fingerprint);
            }
            catch (PmApiException problem) when (problem.Code == ProblemCodes.StaleKeyEpoch && attempt == 0)
            {
                // Re-keyed in between: wrap the new key.
            }
        }
    }

    public async Task<VaultMembers> ListMembersAsync(Guid vaultId, bool checkKeys, CancellationToken cancellationToken)
    {
        var list = await vaultApi.ListMembersAsync(vaultId, cancellationToken);
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
                var key = checkKeys ? await trust.LookupAsync(record.UserId, cancellationToken) : trust.Pinned(record.UserId);
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
            vaultId, list.KeyEpoch, [.. result.Select(m => m with { GranterName = names.GetValueOrDefault(m.GranterId) ?? trust.Pinned(m.GranterId)?.Username })]);
    }

    public async Task<VerifiedMember> ChangePermissionAsync(Guid vaultId, Guid userId, VaultPermission permission, CancellationToken cancellationToken)
    {
        var list = await vaultApi.ListMembersAsync(vaultId, cancellationToken);
        var record = list.Items.FirstOrDefault(r => r.UserId == userId)
            ?? throw new MemberNotFoundException(vaultId, userId);
        await verifier.VerifyRecordAsync(vaultId, list, record, cancellationToken);
        var resigned = AccessRecordVerifier.ToGrant(vaultId, record).Resign((AccessPermission)(int)permission, ring.Keys);
        var changed = await history.WriteAsync(
            vaultId,
            _ => (list.KeyEpoch, [new MemberChange(userId, resigned.Permission, HistoryHashes.AccessRecord(resigned))]),
            signed => api.ChangePermissionAsync(vaultId, userId, new ChangePermissionRequest(permission, resigned.Signature, signed), cancellationToken),
            cancellationToken);
        var pinned = trust.Pinned(userId);
        return new VerifiedMember(
            changed.UserId, pinned?.Username, changed.Permission, changed.KeyEpoch, changed.GranterId, null, changed.ExpiresAt, changed.Expired, null,
            pinned?.State ?? PinState.NotPinned, pinned?.Fingerprint);
    }

    public Task<bool> LeaveAsync(Guid vaultId, CancellationToken cancellationToken) =>
        history.WriteAsync(
            vaultId,
            state => (state!.KeyEpoch, [MemberChange.Removal(ring.Keys.UserId)]),
            async signed =>
            {
                await api.LeaveAsync(vaultId, signed, cancellationToken);
                return true;
            },
            cancellationToken);

    public Task<VaultSummary> TransferOwnershipAsync(Guid vaultId, Guid userId, CancellationToken cancellationToken) =>
        api.TransferOwnershipAsync(vaultId, userId, cancellationToken);

    public async Task<Guid> ResolveUserAsync(string user, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (Guid.TryParse(user, out var id)) return id;
        return (await trust.Directory.GetPublicKeyAsync(user.Trim(), cancellationToken)).UserId;
    }
}
