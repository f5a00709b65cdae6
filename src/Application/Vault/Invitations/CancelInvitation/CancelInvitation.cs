using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Invitations;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Invitations.CancelInvitation;

/// <summary>An admin withdraws an open invitation (an accepted one is a membership: revoke by re-keying).</summary>
public sealed record CancelInvitationCommand(UserId AdminId, Guid VaultId, Guid InvitationId) : ICommand<Result>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class CancelInvitationCommandHandler(IVaultDbContext db, TimeProvider clock) : ICommandHandler<CancelInvitationCommand, Result>
{
    public async ValueTask<Result> Handle(CancelInvitationCommand command, CancellationToken cancellationToken)
    {
        var admin = await db.RequireAsync(command.VaultId, command.AdminId, Permission.Admin, clock.GetUtcNow(), cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var deleted = await db.Invitations
            .Where(i => i.Id == command.InvitationId && i.VaultId == command.VaultId && i.Status == InvitationStatus.Pending)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? Result.Success() : new InvitationNotFound(command.InvitationId);
    }
}
