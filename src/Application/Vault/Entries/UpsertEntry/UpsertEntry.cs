using Mediator;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries.UpsertEntry;

/// <summary>
/// Creates an entry (no <see cref="ReplacesVersion"/>) or replaces the version the client last saw; a stale
/// version is a 409 carrying the server's current state.
/// </summary>
public sealed record UpsertEntryCommand(
    UserId UserId, Guid VaultId, Guid EntryId, long? ReplacesVersion, long KeyEpoch, string Ciphertext, string? NameIndex = null, string? History = null) : ICommand<Result<EntryWriteOutcome>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Write;
}

public sealed class UpsertEntryCommandHandler(EntryWriter writer) : ICommandHandler<UpsertEntryCommand, Result<EntryWriteOutcome>>
{
    public async ValueTask<Result<EntryWriteOutcome>> Handle(UpsertEntryCommand command, CancellationToken cancellationToken)
    {
        var write = new EntryWrite(command.EntryId, command.ReplacesVersion, command.KeyEpoch, Convert.FromBase64String(command.Ciphertext), command.NameIndex);
        var result = await writer.ApplyAsync(command.VaultId, command.UserId, [write], cancellationToken, command.History);
        return result.IsFailure ? result.Error : result.Value[0];
    }
}
