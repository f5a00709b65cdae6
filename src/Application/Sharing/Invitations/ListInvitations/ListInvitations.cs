using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Sharing.Invitations.ListInvitations;

/// <summary>An admin lists the vault's invitations, oldest first, with whether each invitee has registered.</summary>
public sealed record ListInvitationsQuery(UserId AdminId, TenantId TenantId, Guid VaultId) : IQuery<Result<ListInvitationsResult>>, ISharingVaultRequest
{
    UserId ISharingVaultRequest.CallerId => AdminId;
}

public sealed record ListInvitationsResult(IReadOnlyList<InvitationView> Items);

public sealed class ListInvitationsQueryHandler(ISharingDbContext db, ISender sender) : IQueryHandler<ListInvitationsQuery, Result<ListInvitationsResult>>
{
    public async ValueTask<Result<ListInvitationsResult>> Handle(ListInvitationsQuery query, CancellationToken cancellationToken)
    {
        var admin = await sender.Send(new RequireVaultAdminQuery(query.VaultId, query.AdminId.Value), cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.VaultId == query.VaultId)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return new ListInvitationsResult(await InvitationView.OfAsync(sender, query.TenantId, invitations, cancellationToken));
    }
}
