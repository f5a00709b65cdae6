using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Attachments;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>
/// A staged re-key: entries uploaded in batches and attachments streamed into a session, then one commit. The new
/// key is kept sealed to the admin's own key in <see cref="IPendingRekeyStore"/>, so an interrupted run resumes the
/// open session (skipping what it already holds at the right version) instead of starting over.
/// </summary>
internal sealed class StagedRekey(
    SharingApi api, VaultApi vaultApi, AttachmentApi attachmentApi, VaultKeyRing ring, IPendingRekeyStore pendingRekeys, VaultHistoryBook history)
{
    private const int stagedBatch = 500;

    /// <summary>Re-keys <paramref name="live"/> and <paramref name="attachments"/> (the vault's, at <paramref name="key"/>'s epoch) through a session.</summary>
    public async Task<RekeyOutcome> RekeyAsync(
        VaultKey key, IReadOnlyList<Guid> revoke, List<EntryState> live, List<AttachmentState> attachments, List<RekeyMember> members, byte[]? metadata,
        IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        var vaultId = key.VaultId;
        var (state, newKey) = await OpenOrResumeAsync(vaultId, key.Epoch, revoke, cancellationToken);
        using (newKey)
        {
            // A signed history names the hash of every re-encrypted ciphertext, so what an earlier run staged (not known here) is staged again.
            var signed = history.State(vaultId) is not null;
            var uploaded = signed ? [] : (state.Uploaded ?? []).ToDictionary(e => e.EntryId, e => e.ReplacesVersion);
            var pending = live.Where(e => !uploaded.TryGetValue(e.EntryId, out var replaces) || replaces != e.Version).ToList();
            var entryHashes = new List<(Guid EntryId, long Version, byte[] Ciphertext)>();
            var attachmentHashes = new List<AttachmentChange>();
            var done = live.Count - pending.Count;
            progress?.Report(new RekeyProgress(RekeyStage.Uploading, done, live.Count));
            foreach (var batch in pending.Chunk(stagedBatch))
            {
                var entries = await RekeyEntries.FetchAsync(vaultApi, key, batch, progress: null, cancellationToken);
                var rekeyed = await Task.Run(() => RekeyEntries.Reencrypt(key, newKey, entries), cancellationToken);
                await api.UploadRekeyEntriesAsync(vaultId, state.SessionId, new UploadRekeyEntriesRequest(rekeyed), cancellationToken);
                if (signed) entryHashes.AddRange(rekeyed.Select(e => (e.EntryId, e.ReplacesVersion + 1, e.Ciphertext)));
                done += batch.Length;
                progress?.Report(new RekeyProgress(RekeyStage.Uploading, done, live.Count));
            }

            var staged = signed ? [] : (state.UploadedAttachments ?? []).ToHashSet();
            foreach (var attachment in attachments.Where(a => !staged.Contains(a.AttachmentId)))
            {
                var contentHash = await ReencryptAttachmentAsync(state.SessionId, key, newKey, attachment, cancellationToken);
                attachmentHashes.Add(new AttachmentChange(attachment.EntryId, attachment.AttachmentId, Deleted: false, contentHash));
            }

            var grants = members.Select(m => newKey.WrapFor(m.Bundle, m.Permission, ring.Keys)).ToList();
            var request = new CommitRekeySessionRequest(
                [.. grants.Select(g => new RekeyMemberKey(g.RecipientId, g.WrappedKey, g.Signature))],
                metadata is null ? null : VaultMetadataCipher.Encrypt(newKey, metadata));
            var outcome = await history.WriteAsync(
                vaultId,
                held => (key.Epoch + 1, Revocation.RekeyChanges(held!, key.Epoch, entryHashes, grants, attachmentHashes)),
                record => api.CommitRekeySessionAsync(vaultId, state.SessionId, request with { History = record }, cancellationToken),
                cancellationToken);
            pendingRekeys.Remove(vaultId);
            progress?.Report(new RekeyProgress(RekeyStage.Committed, live.Count, live.Count));
            await ring.ReloadAsync(vaultId, cancellationToken);
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
        catch (PmApiException problem) when (problem.Code == ProblemCodes.RekeySessionOpen && OpenSessionId(problem) is { } sessionId)
        {
            var pending = pendingRekeys.Find(vaultId);
            if (pending is not null && pending.SessionId == sessionId && pending.FromKeyEpoch == fromEpoch)
            {
                var state = await api.GetRekeySessionAsync(vaultId, sessionId, cancellationToken);
                if (state.Revoke.Order().SequenceEqual(revoke.Order()))
                {
                    var own = ring.Keys.PublicBundle;
                    var grant = new AccessGrant(vaultId, own.UserId, fromEpoch + 1, AccessPermission.Admin, own.UserId, pending.WrappedKey, pending.Signature);
                    return (state, VaultKey.Unwrap(grant, own, ring.Keys));
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
        var self = newKey.WrapFor(ring.Keys.PublicBundle, AccessPermission.Admin, ring.Keys);
        pendingRekeys.Save(new PendingRekey(vaultId, state.SessionId, fromEpoch, self.WrappedKey, self.Signature));
        return (state, newKey);
    }

    /// <returns>The SHA-256 of the re-encrypted body, as the history record names it.</returns>
    private async Task<byte[]> ReencryptAttachmentAsync(Guid sessionId, VaultKey key, VaultKey newKey, AttachmentState attachment, CancellationToken cancellationToken)
    {
        if (attachment.KeyEpoch != key.Epoch)
            throw new DecryptionFailedException($"Attachment {attachment.AttachmentId} is not at the vault's key epoch {key.Epoch}; refusing to re-key it.");
        using var response = await attachmentApi.DownloadAsync(attachment.VaultId, attachment.EntryId, attachment.AttachmentId, cancellationToken: cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var source = await AttachmentCipher.OpenAsync(key, attachment.EntryId, attachment.AttachmentId, body, cancellationToken: cancellationToken);
        await using var reencrypted = AttachmentCipher.Reencrypt(source, newKey, attachment.EntryId, attachment.AttachmentId);
        await using var spool = await CiphertextSpool.WriteAsync(reencrypted, cancellationToken);
        await api.UploadRekeyAttachmentAsync(attachment.VaultId, sessionId, attachment.AttachmentId, spool.File, spool.Length, cancellationToken);
        return spool.ContentHash;
    }

    private static Guid? OpenSessionId(PmApiException problem) => problem.DetailGuid("sessionId");
}
