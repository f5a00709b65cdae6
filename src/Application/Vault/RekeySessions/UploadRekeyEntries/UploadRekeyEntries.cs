using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.RekeySessions;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.RekeySessions.UploadRekeyEntries;

/// <summary>
/// Stages a batch of re-encrypted entries. Uploading an entry again replaces its staged ciphertext; a null
/// ciphertext takes the entry out of the session (it was deleted meanwhile). Whether the set is complete and
/// current is decided only at the commit.
/// </summary>
public sealed record UploadRekeyEntriesCommand(UserId AdminId, Guid VaultId, Guid SessionId, IReadOnlyList<StagedEntryUpload> Entries) : ICommand<Result<UploadRekeyEntriesResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

/// <summary><see cref="NameIndex"/>: the entry name's blind index under the new key (docs/crypto-format.md §20), when the client computes one.</summary>
public sealed record StagedEntryUpload(Guid EntryId, long ReplacesVersion, string? Ciphertext, string? NameIndex = null);

public sealed record UploadRekeyEntriesResult(int UploadedEntries);

public sealed class UploadRekeyEntriesCommandHandler(
    IVaultDbContext db, EntryCiphertexts ciphertexts, BlobWrites writes, VaultPolicy policy, TimeProvider clock)
    : ICommandHandler<UploadRekeyEntriesCommand, Result<UploadRekeyEntriesResult>>
{
    public async ValueTask<Result<UploadRekeyEntriesResult>> Handle(UploadRekeyEntriesCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = await db.RequireOpenSessionAsync(command.VaultId, command.SessionId, command.AdminId, now, cancellationToken);
        if (found.IsFailure) return found.Error;
        var session = found.Value;

        var stored = new Dictionary<Guid, StoredCiphertext>();
        foreach (var entry in command.Entries.Where(e => e.Ciphertext is not null))
            stored[entry.EntryId] = await ciphertexts.StoreAsync(
                command.VaultId, entry.EntryId, Convert.FromBase64String(entry.Ciphertext!), cancellationToken, session.StagingGrace(policy, now));

        var ids = command.Entries.Select(e => e.EntryId).ToList();
        var existing = await db.StagedEntries.Where(e => e.SessionId == session.Id && ids.Contains(e.EntryId)).ToDictionaryAsync(e => e.EntryId, cancellationToken);
        var replaced = new List<string>();
        foreach (var entry in command.Entries)
        {
            if (existing.TryGetValue(entry.EntryId, out var staged))
            {
                if (!stored.TryGetValue(entry.EntryId, out var ciphertext))
                {
                    if (staged.BlobKey is { } dropped) replaced.Add(dropped);
                    db.StagedEntries.Remove(staged);
                }
                else if (staged.Replace(entry.ReplacesVersion, ciphertext, entry.NameIndex, now) is { } previous)
                {
                    replaced.Add(previous);
                }
            }
            else if (stored.TryGetValue(entry.EntryId, out var ciphertext))
            {
                db.StagedEntries.Add(StagedEntry.Stage(session.Id, entry.EntryId, entry.ReplacesVersion, ciphertext, entry.NameIndex, now));
            }
        }

        await writes.SaveStagedAsync(cancellationToken);
        await writes.DiscardStagedAsync(replaced, cancellationToken);

        return new UploadRekeyEntriesResult(await db.StagedEntries.CountAsync(e => e.SessionId == session.Id, cancellationToken));
    }
}
