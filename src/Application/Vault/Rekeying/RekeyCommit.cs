using PasswordManager.Application.Contracts.Auth.Audit;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Attachments;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.History;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.History;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Rekeying;

public sealed record RekeyedMember(Guid UserId, string WrappedKey, string GranterSignature);

/// <summary><see cref="Exposure"/>: for each revoked member, the entries they fetched (the secrets worth rotating).</summary>
public sealed record RekeyVaultResult(
    Guid VaultId, long KeyEpoch, int Entries, int Members, IReadOnlyList<Guid> Revoked, IReadOnlyList<MemberExposure> Exposure);

/// <summary>A complete re-key, its ciphertexts already in place (row or blob store): what <see cref="RekeyCommit"/> applies.</summary>
public sealed record RekeyPlan(
    UserId AdminId, Guid VaultId, long FromKeyEpoch, IReadOnlyList<Guid> Revoke, IReadOnlyDictionary<Guid, RekeyedCiphertext> Entries,
    IReadOnlyDictionary<Guid, StoredAttachment> Attachments, IReadOnlyList<RekeyedMember> Members, string? EncryptedMetadata = null,
    string? History = null);

public sealed record RekeyedCiphertext(long ReplacesVersion, StoredCiphertext Ciphertext, string? NameIndex);

/// <summary>
/// The one place a re-key is checked and applied, for the one-shot <c>/rekey</c> and for staged sessions alike.
/// Under the vault lock, in one transaction: the plan must cover exactly the vault's live entries at their current
/// versions, every live attachment of those entries, and every remaining active member; expired members are
/// revoked with the named ones. Otherwise nothing changes (<see cref="RekeyMismatch"/>). Old-epoch history is
/// dropped and every superseded blob deleted after the commit; history records stay (they hold no ciphertext). The
/// re-key's history record names every re-encrypted entry at its new version, every re-encrypted attachment, the
/// attachments of deleted entries it deletes, every remaining member with its new access record, every removed one,
/// and the re-key itself; the new ciphertexts are hashed as stored (staged blobs are read back for that).
/// </summary>
public sealed class RekeyCommit(
    IVaultDbContext db, VaultWrites vaultWrites, EntryCiphertexts ciphertexts, BlobWrites writes, IBlobStore blobs, VaultHistory history, VaultAudit audit,
    VaultMetrics metrics, TimeProvider clock)
{
    /// <summary>Checks and applies <paramref name="plan"/>; <paramref name="onCommitting"/> runs inside the transaction once the plan is accepted (a session drops its staging there).</summary>
    public async Task<Result<RekeyVaultResult>> ApplyAsync(RekeyPlan plan, Func<Task>? onCommitting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var record = VaultHistory.Decode(plan.History);
        if (record.IsFailure) return record.Error;
        var started = clock.GetTimestamp();
        await using var vaultLock = await vaultWrites.LockAsync(plan.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(plan.VaultId);
        var vault = vaultLock.Vault;
        var now = clock.GetUtcNow();
        var admin = await db.RequireAsync(vault.Id, plan.AdminId, Permission.Admin, now, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        if (plan.FromKeyEpoch != vault.KeyEpoch) return new StaleKeyEpoch(vault.Id, vault.KeyEpoch);

        var entries = await db.Entries.Where(e => e.VaultId == vault.Id).ToListAsync(cancellationToken);
        var live = entries.Where(e => !e.Deleted).ToDictionary(e => e.Id);
        var attachments = await db.Attachments.Where(a => a.VaultId == vault.Id && !a.Deleted).ToListAsync(cancellationToken);
        var liveAttachments = attachments.Where(a => live.ContainsKey(a.EntryId)).ToDictionary(a => a.Id);
        var records = await db.AccessRecords.Where(r => r.VaultId == vault.Id && r.RevokedAt == null).ToListAsync(cancellationToken);
        var active = records.Where(r => r.IsActive(now)).ToDictionary(r => r.UserId.Value);
        var expired = records.Where(r => !r.IsActive(now)).ToDictionary(r => r.UserId.Value);

        var named = plan.Revoke.Distinct().ToList();
        if (named.FirstOrDefault(id => !active.ContainsKey(id) && !expired.ContainsKey(id)) is var unknown && unknown != Guid.Empty)
            return new MemberNotFound(unknown);
        var revoking = new VaultMembership(vault.OwnerId, active.Values).Revoke(plan.AdminId, named);
        if (revoking.IsFailure) return revoking.Error;
        // An expired member still holds the current key: the re-key revokes them too, without a key for them.
        var revoked = named.Union(expired.Keys).ToList();

        var remaining = active.Keys.Except(revoked).ToHashSet();
        var rekeyed = plan.Members.Select(m => m.UserId).ToHashSet();
        var mismatch = new RekeyMismatch(
            vault.KeyEpoch,
            [.. live.Keys.Except(plan.Entries.Keys)],
            [.. plan.Entries.Keys.Except(live.Keys)],
            [.. plan.Entries.Where(e => live.TryGetValue(e.Key, out var current) && current.Version != e.Value.ReplacesVersion)
                .Select(e => new EntryConflict(e.Key, EntryState.Of(live[e.Key])))],
            [.. remaining.Except(rekeyed)],
            [.. rekeyed.Except(remaining)],
            [.. liveAttachments.Keys.Except(plan.Attachments.Keys)],
            [.. plan.Attachments.Keys.Except(liveAttachments.Keys)]);
        if (!mismatch.IsEmpty) return mismatch;

        var epoch = vault.AdvanceKeyEpoch(now);
        // The name is bound to the key epoch (AAD): without it re-encrypted, remaining members could not read it.
        if (plan.EncryptedMetadata is not null) vault.UpdateMetadata(Convert.FromBase64String(plan.EncryptedMetadata), now);
        foreach (var (id, entry) in live)
        {
            ciphertexts.Supersede(entry.Ciphertext);
            var replacement = plan.Entries[id];
            var replaced = entry.Replace(replacement.ReplacesVersion, epoch, replacement.Ciphertext, replacement.NameIndex, plan.AdminId, vault.NextRevision(now), now);
            if (replaced.IsFailure) return replaced.Error;
        }

        foreach (var attachment in attachments)
        {
            // Attachments of deleted entries go the way of the old-epoch history: nothing stays under the old key.
            writes.Supersede(liveAttachments.ContainsKey(attachment.Id)
                ? attachment.Rekey(epoch, plan.Attachments[attachment.Id].Size, plan.Attachments[attachment.Id].BlobKey, plan.AdminId, vault.NextRevision(now), now)
                : attachment.Delete(plan.AdminId, vault.NextRevision(now), now));
        }

        // History under the old key is dropped: a revoked member may hold that key.
        var oldBlobs = await db.EntryVersions.Where(v => v.VaultId == vault.Id && v.BlobKey != null)
            .Select(v => new { v.CiphertextSize, v.BlobKey }).ToListAsync(cancellationToken);
        foreach (var blob in oldBlobs) ciphertexts.Supersede(StoredCiphertext.InBlob(blob.CiphertextSize, blob.BlobKey!));
        await db.EntryVersions.Where(v => v.VaultId == vault.Id).ExecuteDeleteAsync(cancellationToken);

        foreach (var id in revoked) (active.GetValueOrDefault(id) ?? expired[id]).Revoke(vault.NextRevision(now), now);
        foreach (var member in plan.Members)
            active[member.UserId].Rekey(
                epoch, Convert.FromBase64String(member.WrappedKey), plan.AdminId, Convert.FromBase64String(member.GranterSignature),
                vault.NextRevision(now), now);

        var changes = record.Value is null ? [] : await ChangesAsync(plan, live, attachments, liveAttachments, revoked, active, cancellationToken);
        var chained = await history.AppendAsync(vault, plan.AdminId, record.Value, changes, cancellationToken);
        if (chained.IsFailure) return chained.Error;

        if (onCommitting is not null) await onCommitting();
        vaultLock.Audit(audit.Record(vault, plan.AdminId, AuditActions.VaultRekeyed, new Dictionary<string, object>
        {
            ["keyEpoch"] = epoch,
            ["entries"] = live.Count,
            ["members"] = plan.Members.Count,
            ["revoked"] = revoked.Count,
        }));
        foreach (var id in revoked)
        {
            vaultLock.Audit(audit.Record(vault, plan.AdminId, AuditActions.VaultMemberRemoved, new Dictionary<string, object>
            {
                ["memberId"] = id,
                ["keyEpoch"] = epoch,
            }));
        }

        await vaultLock.CommitAsync(cancellationToken);
        metrics.Rekeyed(clock.GetElapsedTime(started), live.Count);
        var exposure = await MemberExposure.ReadAsync(db, vault.Id, revoked, cancellationToken);
        return new RekeyVaultResult(vault.Id, epoch, live.Count, plan.Members.Count, revoked, exposure);
    }

    private async Task<List<HistoryChange>> ChangesAsync(
        RekeyPlan plan, Dictionary<Guid, Entry> live, List<Attachment> attachments, Dictionary<Guid, Attachment> liveAttachments,
        List<Guid> revoked, Dictionary<Guid, AccessRecord> active, CancellationToken cancellationToken)
    {
        List<HistoryChange> changes = [new RekeyHistoryChange(plan.FromKeyEpoch)];
        foreach (var (id, entry) in live)
            changes.Add(new EntryHistoryChange(id, entry.Version, false, SHA256.HashData(await ciphertexts.ReadAsync(plan.Entries[id].Ciphertext, cancellationToken))));
        foreach (var attachment in attachments)
        {
            if (!liveAttachments.ContainsKey(attachment.Id))
            {
                changes.Add(AttachmentHistoryChange.Deletion(attachment.EntryId, attachment.Id));
                continue;
            }

            await using var content = await blobs.OpenReadAsync(plan.Attachments[attachment.Id].BlobKey, cancellationToken)
                ?? throw new InvalidOperationException($"Staged blob {plan.Attachments[attachment.Id].BlobKey} is missing.");
            changes.Add(new AttachmentHistoryChange(attachment.EntryId, attachment.Id, false, await SHA256.HashDataAsync(content, cancellationToken)));
        }

        changes.AddRange(revoked.Select(MemberHistoryChange.Removal));
        changes.AddRange(plan.Members.Select(m => VaultHistory.MemberChange(active[m.UserId])));
        return changes;
    }
}
