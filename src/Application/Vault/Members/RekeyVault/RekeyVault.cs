using Mediator;
using PasswordManager.Application.Vault.Attachments;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.Rekeying;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.RekeyVault;

/// <summary>
/// Revocation that really re-keys, in one request for vaults without attachments: the admin's client made a new
/// vault key (epoch + 1), re-encrypted every live entry under it and wrapped it for every remaining member.
/// <see cref="RekeyCommit"/> applies it as one transaction or not at all. Large vaults and vaults with
/// attachments use a staged re-key session instead.
/// </summary>
public sealed record RekeyVaultCommand(
    UserId AdminId, Guid VaultId, long FromKeyEpoch, IReadOnlyList<Guid> Revoke, IReadOnlyList<RekeyedEntry> Entries, IReadOnlyList<RekeyedMember> Members,
    string? EncryptedMetadata = null, string? History = null) : ICommand<Result<RekeyVaultResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

/// <summary><see cref="NameIndex"/>: the entry name's blind index under the new key (docs/crypto-format.md §20); null: none.</summary>
public sealed record RekeyedEntry(Guid EntryId, long ReplacesVersion, string Ciphertext, string? NameIndex = null);

public sealed class RekeyVaultCommandHandler(IVaultDbContext db, EntryCiphertexts ciphertexts, RekeyCommit commit, TimeProvider clock)
    : ICommandHandler<RekeyVaultCommand, Result<RekeyVaultResult>>
{
    public async ValueTask<Result<RekeyVaultResult>> Handle(RekeyVaultCommand command, CancellationToken cancellationToken)
    {
        var admin = await db.RequireAsync(command.VaultId, command.AdminId, Permission.Admin, clock.GetUtcNow(), cancellationToken);
        if (admin.IsFailure) return admin.Error;

        var stored = new Dictionary<Guid, RekeyedCiphertext>();
        foreach (var entry in command.Entries)
            stored[entry.EntryId] = new RekeyedCiphertext(
                entry.ReplacesVersion,
                await ciphertexts.StoreAsync(command.VaultId, entry.EntryId, Convert.FromBase64String(entry.Ciphertext), cancellationToken),
                entry.NameIndex);
        // The one-shot body carries no attachments: a vault with live attachments answers RekeyMismatch listing
        // them (missingAttachments), and the client re-keys through a staged session instead.
        var plan = new RekeyPlan(
            command.AdminId, command.VaultId, command.FromKeyEpoch, command.Revoke, stored, new Dictionary<Guid, StoredAttachment>(), command.Members, command.EncryptedMetadata, command.History);
        return await commit.ApplyAsync(plan, onCommitting: null, cancellationToken);
    }
}
