using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.RekeyVault;

/// <summary>
/// Revocation that really re-keys: the admin's client made a new vault key (epoch + 1), re-encrypted every live
/// entry under it and wrapped it for every remaining member. The server applies it as one transaction only if
/// it covers exactly the vault's live entries (at their current versions) and its remaining members; otherwise
/// nothing changes. Old-epoch history is dropped and its blobs deleted after the commit.
/// </summary>
public sealed record RekeyVaultCommand(
    UserId AdminId, Guid VaultId, long FromKeyEpoch, IReadOnlyList<Guid> Revoke, IReadOnlyList<RekeyedEntry> Entries, IReadOnlyList<RekeyedMember> Members,
    string? EncryptedMetadata = null)
    : ICommand<Result<RekeyVaultResult>>;

public sealed record RekeyedEntry(Guid EntryId, long ReplacesVersion, string Ciphertext);

public sealed record RekeyedMember(Guid UserId, string WrappedKey, string GranterSignature);

/// <summary><see cref="Exposure"/>: for each revoked member, the entries they fetched (the secrets worth rotating).</summary>
public sealed record RekeyVaultResult(
    Guid VaultId, long KeyEpoch, int Entries, int Members, IReadOnlyList<Guid> Revoked, IReadOnlyList<MemberExposure> Exposure);

public sealed class RekeyVaultCommandHandler(IVaultDbContext db, EntryCiphertexts ciphertexts, TimeProvider clock)
    : ICommandHandler<RekeyVaultCommand, Result<RekeyVaultResult>>
{
    public async ValueTask<Result<RekeyVaultResult>> Handle(RekeyVaultCommand command, CancellationToken cancellationToken)
    {
        var admin = await db.RequireAsync(command.VaultId, command.AdminId, Permission.Admin, clock.GetUtcNow(), cancellationToken);
        if (admin.IsFailure) return admin.Error;

        var stored = new Dictionary<Guid, StoredCiphertext>();
        try
        {
            foreach (var entry in command.Entries)
                stored[entry.EntryId] = await ciphertexts.StoreAsync(command.VaultId, entry.EntryId, Convert.FromBase64String(entry.Ciphertext), cancellationToken);
            var result = await ApplyAsync(command, stored, cancellationToken);
            if (result.IsFailure) await ciphertexts.AbandonAsync(CancellationToken.None);
            return result;
        }
        catch
        {
            await ciphertexts.AbandonAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<Result<RekeyVaultResult>> ApplyAsync(
        RekeyVaultCommand command, Dictionary<Guid, StoredCiphertext> stored, CancellationToken cancellationToken)
    {
        await using var vaultLock = await db.LockVaultAsync(command.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(command.VaultId);
        var vault = vaultLock.Vault;
        if (command.FromKeyEpoch != vault.KeyEpoch) return new StaleKeyEpoch(vault.Id, vault.KeyEpoch);

        var now = clock.GetUtcNow();
        var live = await db.Entries.Where(e => e.VaultId == vault.Id && !e.Deleted).ToDictionaryAsync(e => e.Id, cancellationToken);
        var members = await db.AccessRecords
            .Where(r => r.VaultId == vault.Id && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now))
            .ToDictionaryAsync(r => r.UserId.Value, cancellationToken);
        var revoked = command.Revoke.Distinct().ToList();
        if (revoked.Any(id => !members.ContainsKey(id))) return new MemberNotFound(revoked.First(id => !members.ContainsKey(id)));
        if (revoked.Contains(command.AdminId.Value)) return new SoleAdmin();

        var requested = command.Entries.ToDictionary(e => e.EntryId);
        var remaining = members.Keys.Except(revoked).ToHashSet();
        var rekeyed = command.Members.Select(m => m.UserId).ToHashSet();
        var mismatch = new RekeyMismatch(
            vault.KeyEpoch,
            [.. live.Keys.Except(requested.Keys)],
            [.. requested.Keys.Except(live.Keys)],
            [.. requested.Values.Where(e => live.TryGetValue(e.EntryId, out var current) && current.Version != e.ReplacesVersion)
                .Select(e => new EntryConflict(e.EntryId, EntryState.Of(live[e.EntryId])))],
            [.. remaining.Except(rekeyed)],
            [.. rekeyed.Except(remaining)]);
        if (mismatch.MissingEntries.Count + mismatch.UnexpectedEntries.Count + mismatch.StaleEntries.Count
            + mismatch.MissingMembers.Count + mismatch.UnexpectedMembers.Count > 0)
            return mismatch;

        var epoch = vault.AdvanceKeyEpoch(now);
        // The name is bound to the key epoch (AAD): without it re-encrypted, remaining members could not read it.
        if (command.EncryptedMetadata is not null) vault.UpdateMetadata(Convert.FromBase64String(command.EncryptedMetadata), now);
        foreach (var (id, entry) in live)
        {
            ciphertexts.Supersede(entry.Ciphertext);
            entry.Replace(requested[id].ReplacesVersion, epoch, stored[id], command.AdminId, vault.NextRevision(now), now);
        }

        // History under the old key is dropped: a revoked member may hold that key.
        var oldBlobs = await db.EntryVersions.Where(v => v.VaultId == vault.Id && v.BlobKey != null)
            .Select(v => new { v.CiphertextSize, v.BlobKey }).ToListAsync(cancellationToken);
        foreach (var blob in oldBlobs) ciphertexts.Supersede(StoredCiphertext.InBlob(blob.CiphertextSize, blob.BlobKey!));
        await db.EntryVersions.Where(v => v.VaultId == vault.Id).ExecuteDeleteAsync(cancellationToken);

        foreach (var id in revoked) members[id].Revoke(vault.NextRevision(now), now);
        foreach (var member in command.Members)
            members[member.UserId].Rekey(
                epoch, Convert.FromBase64String(member.WrappedKey), command.AdminId, Convert.FromBase64String(member.GranterSignature),
                vault.NextRevision(now), now);

        ciphertexts.MarkReferenced();
        await vaultLock.CommitAsync(cancellationToken);
        await ciphertexts.DeleteSupersededAsync(cancellationToken);
        var exposure = await MemberExposure.ReadAsync(db, vault.Id, revoked, cancellationToken);
        return new RekeyVaultResult(vault.Id, epoch, live.Count, command.Members.Count, revoked, exposure);
    }
}
