using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Invitations;

internal static class AdminInvitations
{
    /// <summary>An unused invitation of the administrator's tenant (any tenant for an instance administrator), tracked.</summary>
    public static async Task<Result<Invitation>> FindAsync(IAuthDbContext db, Administrator admin, Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.UsedAt == null, cancellationToken);
        if (invitation is null || !admin.Sees(invitation.TenantId)) return new InvitationNotFound();
        if (invitation.Role == TenantRole.Owner && !admin.MayManageOwners) return new AdminActionNotAllowed();
        return invitation;
    }
}
