using Mediator;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries.DeleteEntry;

/// <summary>Turns the entry into a tombstone that syncs to every device; the deleted version stays in the history.</summary>
public sealed record DeleteEntryCommand(UserId UserId, Guid VaultId, Guid EntryId, long ReplacesVersion, string? History = null) : ICommand<Result<EntryWriteOutcome>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Write;
}

public sealed class DeleteEntryCommandHandler(EntryWriter writer) : ICommandHandler<DeleteEntryCommand, Result<EntryWriteOutcome>>
{
    public async ValueTask<Result<EntryWriteOutcome>> Handle(DeleteEntryCommand command, CancellationToken cancellationToken)
    {
        var result = await writer.ApplyAsync(
            command.VaultId, command.UserId, [new EntryWrite(command.EntryId, command.ReplacesVersion, 0, null)], cancellationToken, command.History);
        return result.IsFailure ? result.Error : result.Value[0];
    }
}
