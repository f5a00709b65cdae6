using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Invitations;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Invitations.ConfirmInvitation;

/// <summary>
/// Once the invitee has registered, an admin's client fetches their public key from the directory, wraps the
/// vault key for it and signs the record: this is exactly a grant (<see cref="AccessGrants"/>, with the
/// invitation's permission and expiry), and the invitation is marked accepted in the grant's transaction.
/// </summary>
public sealed record ConfirmInvitationCommand(
    UserId AdminId, TenantId TenantId, Guid VaultId, Guid InvitationId, long KeyEpoch, string WrappedKey, string GranterSignature) : ICommand<Result<MemberAccess>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class ConfirmInvitationCommandHandler(IVaultDbContext db, AccessGrants grants, ISender sender, TimeProvider clock)
    : ICommandHandler<ConfirmInvitationCommand, Result<MemberAccess>>
{
    public async ValueTask<Result<MemberAccess>> Handle(ConfirmInvitationCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var admin = await db.RequireAsync(command.VaultId, command.AdminId, Permission.Admin, now, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var invitation = await db.Invitations.SingleOrDefaultAsync(
            i => i.Id == command.InvitationId && i.VaultId == command.VaultId && i.Status == InvitationStatus.Pending, cancellationToken);
        if (invitation is null) return new InvitationNotFound(command.InvitationId);
        var registered = await sender.Send(new FindUsersByIdentifierQuery(command.TenantId.Value, [invitation.Invitee]), cancellationToken);
        if (!registered.TryGetValue(invitation.Invitee, out var inviteeId)) return new InvitationNotReady(command.InvitationId);

        // Tracked on this request's DbContext, so the grant's commit saves it in the same transaction; a failed
        // grant saves nothing.
        invitation.Accept(new UserId(inviteeId), now);
        return await grants.GrantAsync(new AccessGrant(
            command.AdminId, command.TenantId, command.VaultId, inviteeId, invitation.Permission, command.KeyEpoch, command.WrappedKey,
            command.GranterSignature, invitation.ExpiresAt), cancellationToken);
    }
}
