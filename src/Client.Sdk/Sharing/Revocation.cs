using System.Net;
using System.Security.Cryptography;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>
/// Revoke is a re-key: every live entry re-encrypted under a new key, the key wrapped for each remaining member (record
/// verified, bundle pinned). The path is chosen before anything is uploaded: one request for a small vault without
/// attachments, a staged session (<see cref="StagedRekey"/>) for a large one or one with attachments.
/// </summary>
internal sealed class Revocation(
    SharingApi api, VaultApi vaultApi, AttachmentApi attachmentApi, VaultKeyRing ring, AccessRecordVerifier verifier, TrustedKeys trust, StagedRekey staged,
    VaultHistoryBook history)
{
    /// <summary>
    /// The re-key's history record changes (ADR-0032 §7): the re-key, every re-encrypted entry at its new version, every
    /// re-encrypted attachment, every remaining member's new access record, and the removal of every other member the
    /// verified state holds (revoked or expired).
    /// </summary>
    internal static List<HistoryChange> RekeyChanges(
        VaultHistoryState state, long fromKeyEpoch, IEnumerable<(Guid EntryId, long Version, byte[] Ciphertext)> entries, IReadOnlyList<AccessGrant> grants,
        IEnumerable<AttachmentChange> attachments)
    {
        var changes = new List<HistoryChange> { new RekeyChange(fromKeyEpoch) };
        changes.AddRange(entries.Select(e => new EntryChange(e.EntryId, e.Version, Deleted: false, HistoryHashes.Ciphertext(e.Ciphertext))));
        changes.AddRange(attachments);
        changes.AddRange(grants.Select(g => new MemberChange(g.RecipientId, g.Permission, HistoryHashes.AccessRecord(g))));
        var kept = grants.Select(g => g.RecipientId).ToHashSet();
        changes.AddRange(state.Members.Keys.Where(id => !kept.Contains(id)).Select(MemberChange.Removal));
        return changes;
    }

    public async Task<RevokePreview> PreviewRevokeAsync(Guid vaultId, IReadOnlyList<Guid> revoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revoke);
        var list = await vaultApi.ListMembersAsync(vaultId, cancellationToken);
        RequireMembers(vaultId, list, revoke);
        var entries = (await EntryOperations.ListLiveAsync(vaultApi, vaultId, cancellationToken)).Count;
        var exposure = await ExposureAsync(vaultId, revoke, cancellationToken);
        return new RevokePreview(vaultId, list.KeyEpoch, entries, list.Items.Count(m => !m.Expired && !revoke.Contains(m.UserId)), revoke, exposure);
    }

    public async Task<RevokeResult> RevokeAsync(
        Guid vaultId, IReadOnlyList<Guid> revoke, IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revoke);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RekeyOnceAsync(vaultId, revoke, progress, attempt, cancellationToken);
            }
            catch (PmApiException problem) when (attempt == 1 && problem.Code is ProblemCodes.RekeyMismatch or ProblemCodes.StaleKeyEpoch or ProblemCodes.StaleVersion)
            {
                // Someone wrote or re-keyed in between; a fresh read covers their change.
            }
        }
    }

    private async Task<RevokeResult> RekeyOnceAsync(
        Guid vaultId, IReadOnlyList<Guid> revoke, IProgress<RekeyProgress>? progress, int attempt, CancellationToken cancellationToken)
    {
        progress?.Report(new RekeyProgress(RekeyStage.Checking, 0, 0));
        var (summary, key) = await ring.ReloadAsync(vaultId, cancellationToken);
        var list = await vaultApi.ListMembersAsync(vaultId, cancellationToken);
        if (list.KeyEpoch != key.Epoch)
            throw new UntrustedAccessRecordException($"Vault {vaultId}: the member list is at key epoch {list.KeyEpoch}, the vault at {key.Epoch}.");
        RequireMembers(vaultId, list, revoke);

        var members = new List<RekeyMember>();
        // Expired members still hold the current key: the server revokes them with this re-key, and they get no new one.
        foreach (var record in list.Items.Where(r => !r.Expired && !revoke.Contains(r.UserId)))
        {
            // The permission is re-signed, so the record must be one an admin signed; the key goes to the pinned bundle only.
            await verifier.VerifyRecordAsync(vaultId, list, record, cancellationToken);
            var bundle = await trust.RequireAsync(record.UserId, checkDirectory: true, cancellationToken);
            members.Add(new RekeyMember(bundle.Bundle, (AccessPermission)(int)record.Permission));
        }

        var live = await EntryOperations.ListLiveAsync(vaultApi, vaultId, cancellationToken);
        var attachments = await ListAttachmentsAsync(vaultId, live, cancellationToken);
        var metadata = summary.EncryptedMetadata is { } oldMetadata ? VaultMetadataCipher.Decrypt(key, oldMetadata) : null;
        try
        {
            // Attachments are re-encrypted as streams, which only a staged session takes.
            var outcome = live.Count > SharingOperations.StagedThreshold || attachments.Count > 0
                ? await staged.RekeyAsync(key, revoke, live, attachments, members, metadata, progress, cancellationToken)
                : await OneShotAsync(key, revoke, live, members, metadata, progress, cancellationToken);
            return Result(outcome, attempt);
        }
        finally
        {
            if (metadata is not null) CryptographicOperations.ZeroMemory(metadata);
        }
    }

    /// <summary>The live attachments of the vault's live entries, from the vault's own listing (metadata only).</summary>
    private async Task<List<AttachmentState>> ListAttachmentsAsync(Guid vaultId, List<EntryState> live, CancellationToken cancellationToken)
    {
        var liveIds = live.Select(e => e.EntryId).ToHashSet();
        var result = new List<AttachmentState>();
        Guid? after = null;
        do
        {
            var page = await attachmentApi.ListVaultAttachmentsAsync(vaultId, after, cancellationToken: cancellationToken);
            result.AddRange(page.Items.Where(a => !a.Deleted && a.VaultId == vaultId && liveIds.Contains(a.EntryId)));
            after = page.Next;
        }
        while (after is not null);

        return result;
    }

    private static RevokeResult Result(RekeyOutcome outcome, int attempt) =>
        new(outcome.VaultId, outcome.KeyEpoch, outcome.Entries, outcome.Members, outcome.Revoked, outcome.Exposure, attempt);

    private async Task<RekeyOutcome> OneShotAsync(
        VaultKey key, IReadOnlyList<Guid> revoke, List<EntryState> live, List<RekeyMember> members, byte[]? metadata,
        IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        var vaultId = key.VaultId;
        var entries = await RekeyEntries.FetchAsync(vaultApi, key, live, progress, cancellationToken);
        progress?.Report(new RekeyProgress(RekeyStage.Encrypting, 0, entries.Count));
        using var rekeyed = await Task.Run(() => VaultRekey.Rekey(key, entries, members, ring.Keys), cancellationToken);
        progress?.Report(new RekeyProgress(RekeyStage.Uploading, entries.Count, entries.Count));
        var replaces = entries.ToDictionary(e => e.EntryId, e => e.Version);
        var request = new RekeyRequest(
            key.Epoch,
            revoke,
            [.. rekeyed.Entries.Select(e => new RekeyEntry(e.EntryId, replaces[e.EntryId], e.Ciphertext, RekeyEntries.NameIndexUnder(rekeyed.NewKey, e)))],
            [.. rekeyed.Grants.Select(g => new RekeyMemberKey(g.RecipientId, g.WrappedKey, g.Signature))],
            metadata is null ? null : VaultMetadataCipher.Encrypt(rekeyed.NewKey, metadata));
        var outcome = await history.WriteAsync(
            vaultId,
            state => (key.Epoch + 1, RekeyChanges(state!, key.Epoch, rekeyed.Entries.Select(e => (e.EntryId, e.Version, e.Ciphertext)), rekeyed.Grants, [])),
            signed => api.RekeyAsync(vaultId, request with { History = signed }, cancellationToken),
            cancellationToken);
        progress?.Report(new RekeyProgress(RekeyStage.Committed, entries.Count, entries.Count));
        await ring.ReloadAsync(vaultId, cancellationToken);
        return outcome;
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
            throw new MemberNotFoundException(vaultId, user);
    }
}
