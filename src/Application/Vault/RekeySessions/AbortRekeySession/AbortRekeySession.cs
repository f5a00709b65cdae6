using Mediator;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.RekeySessions.AbortRekeySession;

/// <summary>Drops a session and everything staged in it; the vault never saw any of it.</summary>
public sealed record AbortRekeySessionCommand(UserId AdminId, Guid VaultId, Guid SessionId) : ICommand<Result>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class AbortRekeySessionCommandHandler(IVaultDbContext db, BlobWrites writes, TimeProvider clock) : ICommandHandler<AbortRekeySessionCommand, Result>
{
    public async ValueTask<Result> Handle(AbortRekeySessionCommand command, CancellationToken cancellationToken)
    {
        var found = await db.RequireOpenSessionAsync(command.VaultId, command.SessionId, command.AdminId, clock.GetUtcNow(), cancellationToken);
        if (found.IsFailure) return found.Error;
        await db.DiscardAsync(writes, found.Value.Id, cancellationToken);
        return Result.Success();
    }
}
