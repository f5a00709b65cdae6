using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Application.Sharing.Invitations.ConfirmInvitation;

/// <summary>
/// Once the invitee has registered, an admin's client fetches their public key from the directory, wraps the
/// vault key for it and signs the record: this is exactly a grant (Vault's <see cref="GrantVaultAccessCommand"/>, with
/// the invitation's permission and expiry), and the invitation is marked accepted in the grant's transaction.
/// </summary>
public sealed record ConfirmInvitationCommand(
    UserId AdminId, TenantId TenantId, Guid VaultId, Guid InvitationId, long KeyEpoch, string WrappedKey, string GranterSignature,
    string? History = null)
    : ICommand<Result<ConfirmedMember>>, ISharingVaultRequest
{
    UserId ISharingVaultRequest.CallerId => AdminId;
}

/// <summary>The invitee's access record as the grant wrote it.</summary>
public sealed record ConfirmedMember(
    Guid UserId, InvitationPermission Permission, long KeyEpoch, byte[] WrappedKey, Guid GranterId, byte[] GranterSignature, DateTimeOffset? ExpiresAt);

public sealed class ConfirmInvitationCommandHandler(ISharingDbContext db, ISender sender, TimeProvider clock)
    : ICommandHandler<ConfirmInvitationCommand, Result<ConfirmedMember>>
{
    public async ValueTask<Result<ConfirmedMember>> Handle(ConfirmInvitationCommand command, CancellationToken cancellationToken)
    {
        var admin = await sender.Send(new RequireVaultAdminQuery(command.VaultId, command.AdminId.Value), cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var invitation = await db.Invitations.SingleOrDefaultAsync(
            i => i.Id == command.InvitationId && i.VaultId == command.VaultId && i.Status == InvitationStatus.Pending, cancellationToken);
        if (invitation is null) return new InvitationNotFound(command.InvitationId);
        var registered = await sender.Send(new FindUsersByIdentifierQuery(command.TenantId.Value, [invitation.Invitee]), cancellationToken);
        if (!registered.TryGetValue(invitation.Invitee, out var inviteeId)) return new InvitationNotReady(command.InvitationId);

        // The grant takes the vault's lock first and the invitation row after it, the order account removal uses too.
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var granted = await sender.Send(new GrantVaultAccessCommand(
            command.AdminId.Value, command.TenantId.Value, command.VaultId, inviteeId, (int)invitation.Permission, command.KeyEpoch,
            command.WrappedKey, command.GranterSignature, invitation.ExpiresAt, transaction.Shared, command.History), cancellationToken);
        if (granted.IsFailure) return granted.Error;
        invitation.Accept(new UserId(inviteeId), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var access = granted.Value;
        return new ConfirmedMember(
            access.UserId, (InvitationPermission)access.Permission, access.KeyEpoch, access.WrappedKey, access.GranterId, access.GranterSignature,
            access.ExpiresAt);
    }
}
