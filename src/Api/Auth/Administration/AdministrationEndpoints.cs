using System.Security.Claims;
using PasswordManager.Api.Auth.Administration.ConsoleAccess.CreateConsoleLink;
using PasswordManager.Api.Auth.Administration.Invitations.CancelInvitation;
using PasswordManager.Api.Auth.Administration.Invitations.ListInvitations;
using PasswordManager.Api.Auth.Administration.Invitations.ResendInvitation;
using PasswordManager.Api.Auth.Administration.Tenants.CreateTenant;
using PasswordManager.Api.Auth.Administration.Tenants.DeleteTenant;
using PasswordManager.Api.Auth.Administration.Tenants.ListTenants;
using PasswordManager.Api.Auth.Administration.Tenants.RenameTenant;
using PasswordManager.Api.Auth.Administration.Tenants.SuspendTenant;
using PasswordManager.Api.Auth.Administration.Tenants.UnsuspendTenant;
using PasswordManager.Api.Auth.Administration.Users.ChangeUserRole;
using PasswordManager.Api.Auth.Administration.Users.DeleteUser;
using PasswordManager.Api.Auth.Administration.Users.DisableUser;
using PasswordManager.Api.Auth.Administration.Users.EnableUser;
using PasswordManager.Api.Auth.Administration.Users.GetUser;
using PasswordManager.Api.Auth.Administration.Users.ListUserSessions;
using PasswordManager.Api.Auth.Administration.Users.ListUsers;
using PasswordManager.Api.Auth.Administration.Users.ResetUserMfa;
using PasswordManager.Api.Auth.Administration.Users.RevokeUserSessions;
using PasswordManager.Api.Common.Security;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Auth;

namespace PasswordManager.Api.Auth.Administration;

/// <summary>
/// The administration API (ADR-0021). User and invitation endpoints serve tenant owners and admins (their tenant),
/// instance administrators (every tenant) and API keys with the <c>user-management</c> scope (their owner's tenant);
/// tenant endpoints serve instance administrators only, never API keys.
/// </summary>
internal static class AdministrationEndpoints
{
    private const long BodyLimit = 16 * 1024;

    internal static IEndpointRouteBuilder MapAdministration(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/admin").WithTags("Administration")
            .RequireAuthorization(Policies.Administrator).WithMetadata(new RequestSizeLimitMetadata(BodyLimit));
        foreach (var endpoint in new[]
        {
            users.MapListUsers(), users.MapGetUser(), users.MapChangeUserRole(), users.MapDisableUser(), users.MapEnableUser(),
            users.MapListUserSessions(), users.MapRevokeUserSessions(), users.MapResetUserMfa(), users.MapDeleteUser(),
            users.MapListInvitations(), users.MapResendInvitation(), users.MapCancelInvitation(),
        })
            endpoint.AllowApiKey(ApiKeyScope.UserManagement);
        users.MapCreateConsoleLink();

        var tenants = app.MapGroup("/api/v1/admin/tenants").WithTags("Administration")
            .RequireAuthorization(Policies.InstanceAdmin).WithMetadata(new RequestSizeLimitMetadata(BodyLimit));
        tenants.MapListTenants();
        tenants.MapCreateTenant();
        tenants.MapRenameTenant();
        tenants.MapSuspendTenant();
        tenants.MapUnsuspendTenant();
        tenants.MapDeleteTenant();
        return app;
    }

    /// <summary>The caller; only access tokens of listed instance administrators carry the claim, API keys never do.</summary>
    internal static AdminActor Actor(ClaimsPrincipal principal, ICurrentUser user) =>
        new(user.Id, principal.HasClaim(Policies.InstanceAdminClaim, "true"));
}
