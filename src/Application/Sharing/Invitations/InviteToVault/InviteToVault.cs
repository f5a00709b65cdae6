using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Application.Sharing.Invitations.InviteToVault;

/// <summary>
/// An admin invites someone without an account (by username or email) to a shared vault. Someone who has an
/// account already is granted directly instead (409), since their public key is in the directory.
/// </summary>
public sealed record InviteToVaultCommand(UserId AdminId, TenantId TenantId, Guid VaultId, string Invitee, InvitationPermission Permission, DateTimeOffset? ExpiresAt) : ICommand<Result<InvitationView>>, ISharingVaultRequest
{
    UserId ISharingVaultRequest.CallerId => AdminId;
}

public sealed class InviteToVaultCommandHandler(ISharingDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<InviteToVaultCommand, Result<InvitationView>>
{
    public async ValueTask<Result<InvitationView>> Handle(InviteToVaultCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var admin = await sender.Send(new RequireVaultAdminQuery(command.VaultId, command.AdminId.Value), cancellationToken);
        if (admin.IsFailure) return admin.Error;
        if (admin.Value.Personal) return new PersonalVaultNotShareable();

        var invitee = VaultInvitation.Normalize(command.Invitee);
        var registered = await sender.Send(new FindUsersByIdentifierQuery(command.TenantId.Value, [invitee]), cancellationToken);
        if (registered.TryGetValue(invitee, out var userId)) return new InviteeRegistered(userId);
        var open = await db.Invitations.AsNoTracking()
            .Where(i => i.VaultId == command.VaultId && i.Invitee == invitee && i.Status == InvitationStatus.Pending)
            .Select(i => (Guid?)i.Id).SingleOrDefaultAsync(cancellationToken);
        if (open is { } existing) return new InvitationExists(existing);

        var invitation = VaultInvitation.Create(command.VaultId, command.TenantId, invitee, command.Permission, command.ExpiresAt, command.AdminId, now);
        db.Invitations.Add(invitation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with the same invitation: the unique index decided.
            return new InvitationExists(Guid.Empty);
        }

        return InvitationView.Of(invitation, registeredUser: null);
    }
}
