using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Invitations.ListInvitations;

/// <summary>An admin lists the vault's invitations, oldest first, with whether each invitee has registered.</summary>
public sealed record ListInvitationsQuery(UserId AdminId, TenantId TenantId, Guid VaultId) : IQuery<Result<ListInvitationsResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed record ListInvitationsResult(IReadOnlyList<InvitationView> Items);

public sealed class ListInvitationsQueryHandler(IVaultDbContext db, ISender sender, TimeProvider clock) : IQueryHandler<ListInvitationsQuery, Result<ListInvitationsResult>>
{
    public async ValueTask<Result<ListInvitationsResult>> Handle(ListInvitationsQuery query, CancellationToken cancellationToken)
    {
        var admin = await db.RequireAsync(query.VaultId, query.AdminId, Permission.Admin, clock.GetUtcNow(), cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.VaultId == query.VaultId)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return new ListInvitationsResult(await InvitationView.OfAsync(sender, query.TenantId, invitations, cancellationToken));
    }
}
