using System.Security.Cryptography;
using Mediator;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.History.GetHistory;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.History.WriteCheckpoint;

/// <summary>
/// An admin appends a checkpoint (ADR-0032 §5): a vault's first record, or a later one that shortens a fresh
/// device's verification. The record must name the vault's whole state as the server holds it: every live entry at
/// its version with the SHA-256 of its stored ciphertext, every live attachment with the SHA-256 of its stored
/// bytes, every active member with its permission and access-record hash.
/// </summary>
public sealed record WriteCheckpointCommand(UserId UserId, Guid VaultId, string Record) : ICommand<Result<HistoryItem>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class WriteCheckpointCommandHandler(IVaultDbContext db, VaultHistory history, EntryCiphertexts ciphertexts, IBlobStore blobs, TimeProvider clock)
    : ICommandHandler<WriteCheckpointCommand, Result<HistoryItem>>
{
    public async ValueTask<Result<HistoryItem>> Handle(WriteCheckpointCommand command, CancellationToken cancellationToken)
    {
        var access = await db.RequireAsync(command.VaultId, command.UserId, Permission.Admin, clock.GetUtcNow(), cancellationToken);
        if (access.IsFailure) return access.Error;
        var record = VaultHistory.Decode(command.Record);
        if (record.IsFailure) return record.Error;

        await using var vaultLock = await db.LockVaultAsync(command.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(command.VaultId);
        var state = await history.CurrentStateAsync(vaultLock.Vault, ciphertexts.ReadAsync, HashBlobAsync, cancellationToken);
        var stored = await history.AppendCheckpointAsync(vaultLock.Vault, command.UserId, record.Value!, state, cancellationToken);
        if (stored.IsFailure) return stored.Error;
        await vaultLock.CommitAsync(cancellationToken);
        return HistoryItem.Of(stored.Value);
    }

    private async Task<byte[]> HashBlobAsync(string key, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(key, cancellationToken)
            ?? throw new InvalidOperationException($"Blob {key} is referenced but missing.");
        return await SHA256.HashDataAsync(content, cancellationToken);
    }
}
