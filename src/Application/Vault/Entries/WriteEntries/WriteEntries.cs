using Mediator;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries.WriteEntries;

/// <summary>Many creates, replaces and deletes in one vault, in one transaction: all apply or none.</summary>
public sealed record WriteEntriesCommand(UserId UserId, Guid VaultId, IReadOnlyList<EntryWriteItem> Writes, string? History = null) : ICommand<Result<WriteEntriesResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Write;
}

/// <summary>
/// <see cref="Delete"/> true deletes; otherwise <see cref="Ciphertext"/> is the new version and <see cref="NameIndex"/> its
/// name's blind index (docs/crypto-format.md §20), if the client computes one.
/// </summary>
public sealed record EntryWriteItem(Guid EntryId, long? ReplacesVersion, long KeyEpoch, string? Ciphertext, bool Delete, string? NameIndex = null);

public sealed record WriteEntriesResult(IReadOnlyList<EntryWriteOutcome> Items);

public sealed class WriteEntriesCommandHandler(EntryWriter writer) : ICommandHandler<WriteEntriesCommand, Result<WriteEntriesResult>>
{
    public async ValueTask<Result<WriteEntriesResult>> Handle(WriteEntriesCommand command, CancellationToken cancellationToken)
    {
        var writes = command.Writes
            .Select(w => new EntryWrite(w.EntryId, w.ReplacesVersion, w.KeyEpoch, w.Delete ? null : Convert.FromBase64String(w.Ciphertext!), w.NameIndex))
            .ToList();
        var result = await writer.ApplyAsync(command.VaultId, command.UserId, writes, cancellationToken, command.History);
        return result.IsFailure ? result.Error : new WriteEntriesResult(result.Value);
    }
}
