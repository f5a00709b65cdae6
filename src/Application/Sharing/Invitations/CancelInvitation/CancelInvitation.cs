using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Application.Sharing.Invitations.CancelInvitation;

/// <summary>An admin withdraws an open invitation (an accepted one is a membership: revoke by re-keying).</summary>
public sealed record CancelInvitationCommand(UserId AdminId, Guid VaultId, Guid InvitationId) : ICommand<Result>, ISharingVaultRequest
{
    UserId ISharingVaultRequest.CallerId => AdminId;
}

public sealed class CancelInvitationCommandHandler(ISharingDbContext db, ISender sender) : ICommandHandler<CancelInvitationCommand, Result>
{
    public async ValueTask<Result> Handle(CancelInvitationCommand command, CancellationToken cancellationToken)
    {
        var admin = await sender.Send(new RequireVaultAdminQuery(command.VaultId, command.AdminId.Value), cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var deleted = await db.Invitations
            .Where(i => i.Id == command.InvitationId && i.VaultId == command.VaultId && i.Status == InvitationStatus.Pending)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? Result.Success() : new InvitationNotFound(command.InvitationId);
    }
}
