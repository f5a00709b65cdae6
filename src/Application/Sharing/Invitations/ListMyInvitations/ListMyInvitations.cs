using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Application.Sharing.Invitations.ListMyInvitations;

/// <summary>
/// Invitations addressed to the caller (by username or email, within the caller's tenant): the vault id and
/// status, so a new user knows which vaults an admin still has to confirm. Nothing about the vault's contents.
/// </summary>
public sealed record ListMyInvitationsQuery(UserId UserId) : IQuery<ListMyInvitationsResult>;

public sealed record ListMyInvitationsResult(IReadOnlyList<MyInvitation> Items);

/// <summary>Status <c>ready</c> (an admin can confirm now that you have an account) or <c>accepted</c>.</summary>
public sealed record MyInvitation(Guid InvitationId, Guid VaultId, InvitationPermission Permission, DateTimeOffset? ExpiresAt, string Status, Guid InvitedBy, DateTimeOffset CreatedAt);

public sealed class ListMyInvitationsQueryHandler(ISharingDbContext db, ISender sender) : IQueryHandler<ListMyInvitationsQuery, ListMyInvitationsResult>
{
    public async ValueTask<ListMyInvitationsResult> Handle(ListMyInvitationsQuery query, CancellationToken cancellationToken)
    {
        var me = await sender.Send(new GetUserIdentifiersQuery(query.UserId.Value), cancellationToken)
            ?? throw new InvalidOperationException("The authenticated user has no account.");
        var tenant = new TenantId(me.TenantId);
        List<string> identifiers = me.Email is null ? [me.Username] : [me.Username, me.Email];
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.TenantId == tenant && identifiers.Contains(i.Invitee))
            .Where(i => i.Status == InvitationStatus.Pending || i.AcceptedUserId == query.UserId)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken);
        return new ListMyInvitationsResult([.. invitations.Select(i => new MyInvitation(
            i.Id, i.VaultId, i.Permission, i.ExpiresAt,
            i.Status == InvitationStatus.Accepted ? InvitationView.Accepted : InvitationView.Ready, i.InvitedBy.Value, i.CreatedAt))]);
    }
}
