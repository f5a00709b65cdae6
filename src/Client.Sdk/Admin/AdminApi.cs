using System.Globalization;
using System.Text;
using PasswordManager.Client.Sdk.Admin.Contracts;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Http;

namespace PasswordManager.Client.Sdk.Admin;

/// <summary>
/// The administration API (docs/api-guide.md, Administration). User and invitation calls serve tenant owners and admins
/// (their tenant) and instance administrators (every tenant); tenant calls serve instance administrators only. Anything
/// outside the caller's reach answers 404.
/// </summary>
public sealed class AdminApi
{
    private const string basePath = "api/v1/admin";

    private readonly ApiConnection connection;

    internal AdminApi(ApiConnection connection)
    {
        this.connection = connection;
    }

    public Task<AdminUserPage> ListUsersAsync(
        string? search = null, Guid? tenantId = null, string? after = null, int? limit = null, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminUserPage>(
            HttpMethod.Get, basePath + "/users" + Query(("search", search), ("tenantId", tenantId?.ToString()), ("after", after), ("limit", limit?.ToString(CultureInfo.InvariantCulture))),
            body: null, cancellationToken);

    /// <summary>Every page of <see cref="ListUsersAsync"/>.</summary>
    public async Task<IReadOnlyList<AdminUser>> ListAllUsersAsync(string? search = null, Guid? tenantId = null, CancellationToken cancellationToken = default)
    {
        var users = new List<AdminUser>();
        string? cursor = null;
        do
        {
            var page = await ListUsersAsync(search, tenantId, cursor, 1000, cancellationToken);
            users.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return users;
    }

    public Task<AdminUser> GetUserAsync(Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminUser>(HttpMethod.Get, User(userId), body: null, cancellationToken);

    public Task<AdminUser> ChangeRoleAsync(Guid userId, TenantRole role, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminUser>(HttpMethod.Put, User(userId) + "/role", new ChangeRoleRequest(role), cancellationToken);

    /// <summary>Every session of the user ends at once; login, refresh and its API keys are refused until <see cref="EnableUserAsync"/>.</summary>
    public Task<AdminUser> DisableUserAsync(Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminUser>(HttpMethod.Post, User(userId) + "/disable", body: null, cancellationToken);

    public Task<AdminUser> EnableUserAsync(Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminUser>(HttpMethod.Post, User(userId) + "/enable", body: null, cancellationToken);

    public Task<AdminSessionList> ListSessionsAsync(Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminSessionList>(HttpMethod.Get, User(userId) + "/sessions", body: null, cancellationToken);

    public Task<RevokedUserSessions> RevokeSessionsAsync(Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<RevokedUserSessions>(HttpMethod.Delete, User(userId) + "/sessions", body: null, cancellationToken);

    /// <summary>Removes the user's authenticator and recovery codes; the user must enrol again.</summary>
    public Task<AdminUser> ResetMfaAsync(Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminUser>(HttpMethod.Delete, User(userId) + "/mfa", body: null, cancellationToken);

    public Task<DeletedUser> DeleteUserAsync(Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<DeletedUser>(HttpMethod.Delete, User(userId), body: null, cancellationToken);

    public Task<AdminInvitationList> ListInvitationsAsync(Guid? tenantId = null, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminInvitationList>(HttpMethod.Get, basePath + "/invitations" + Query(("tenantId", tenantId?.ToString())), body: null, cancellationToken);

    public Task<ResentInvitation> ResendInvitationAsync(Guid invitationId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<ResentInvitation>(HttpMethod.Post, $"{basePath}/invitations/{invitationId}/resend", body: null, cancellationToken);

    public Task CancelInvitationAsync(Guid invitationId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Delete, $"{basePath}/invitations/{invitationId}", body: null, cancellationToken);

    public Task<AdminTenantPage> ListTenantsAsync(string? after = null, int? limit = null, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminTenantPage>(
            HttpMethod.Get, basePath + "/tenants" + Query(("after", after), ("limit", limit?.ToString(CultureInfo.InvariantCulture))), body: null, cancellationToken);

    /// <summary>Every page of <see cref="ListTenantsAsync"/>.</summary>
    public async Task<IReadOnlyList<AdminTenant>> ListAllTenantsAsync(CancellationToken cancellationToken = default)
    {
        var tenants = new List<AdminTenant>();
        string? cursor = null;
        do
        {
            var page = await ListTenantsAsync(cursor, 1000, cancellationToken);
            tenants.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return tenants;
    }

    public Task<CreatedTenant> CreateTenantAsync(string name, string ownerEmail, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<CreatedTenant>(HttpMethod.Post, basePath + "/tenants", new CreateTenantRequest(name, ownerEmail), cancellationToken);

    public Task<AdminTenant> RenameTenantAsync(Guid tenantId, string name, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminTenant>(HttpMethod.Put, $"{basePath}/tenants/{tenantId}/name", new RenameTenantRequest(name), cancellationToken);

    public Task<AdminTenant> SuspendTenantAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminTenant>(HttpMethod.Post, $"{basePath}/tenants/{tenantId}/suspend", body: null, cancellationToken);

    public Task<AdminTenant> UnsuspendTenantAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AdminTenant>(HttpMethod.Post, $"{basePath}/tenants/{tenantId}/unsuspend", body: null, cancellationToken);

    /// <summary>An empty tenant goes at once; one with users needs <paramref name="deleteUsersConfirmingName"/> equal to its name.</summary>
    public Task<DeletedTenant> DeleteTenantAsync(Guid tenantId, string? deleteUsersConfirmingName = null, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<DeletedTenant>(
            HttpMethod.Delete,
            $"{basePath}/tenants/{tenantId}" + (deleteUsersConfirmingName is null ? "" : Query(("deleteUsers", "true"), ("confirmName", deleteUsersConfirmingName))),
            body: null, cancellationToken);

    /// <summary>A one-time admin console sign-in link for this device's session (single use, 60 s); append its path to the server address.</summary>
    public Task<ConsoleLink> CreateConsoleLinkAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<ConsoleLink>(HttpMethod.Post, basePath + "/console-links", body: null, cancellationToken);

    private static string User(Guid userId) => $"{basePath}/users/{userId}";

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters.Where(p => p.Value is not null))
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value!));
        return query.ToString();
    }
}
