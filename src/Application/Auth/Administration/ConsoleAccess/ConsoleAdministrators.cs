using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.ConsoleAccess;

/// <summary>
/// The administrator behind a console session: who, which tenant it sees (<see cref="InstanceAdministrator"/> sees all),
/// and the device session the console session is bound to.
/// </summary>
public sealed record ConsoleAdministratorView(
    Guid UserId, string Username, Guid TenantId, string TenantName, TenantRole Role, bool InstanceAdministrator, Guid SessionId);

internal static class ConsoleAdministrators
{
    /// <summary>Resolved against the stored account and its device session, like every administration request (ADR-0021).</summary>
    public static async Task<Result<ConsoleAdministratorView>> ResolveAsync(
        IAuthDbContext db, AdministrationScope scope, AdminActor actor, Guid sessionId, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveAsync(actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == actor.UserId && s.RevokedAt == null, cancellationToken))
            return new NotAdministrator();
        var user = admin.Value.User;
        var tenantName = await db.Tenants.Where(t => t.Id == user.TenantId).Select(t => t.Name).SingleAsync(cancellationToken);
        return new ConsoleAdministratorView(
            user.Id.Value, user.Username, user.TenantId.Value, tenantName, user.Role, admin.Value.IsInstanceAdministrator, sessionId);
    }
}
