using System.Net;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Administration;

/// <summary>
/// The authorization matrix of every administration endpoint: anonymous, a member, the admin of another tenant (404,
/// its objects do not exist for it), an API key without <c>user-management</c>, and for the tenant endpoints a tenant
/// owner and a <c>user-management</c> key: all refused with nothing changed. Then the tenant's admin, the instance
/// administrator and (user endpoints) a <c>user-management</c> key each succeed on a target of their own.
/// </summary>
public sealed class AdministrationAuthorizationHttpTests : TestBase
{
    public sealed record UserEndpoint(string Method, string Path, object? Body, HttpStatusCode Success, string Target, string? NotFoundCode, string? SuccessCode = null)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    public sealed record TenantEndpoint(string Method, string Path, object? Body, HttpStatusCode Success)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private static readonly UserEndpoint[] UserEndpoints =
    [
        new("GET", "/api/v1/admin/users", null, HttpStatusCode.OK, "none", null),
        new("GET", "/api/v1/admin/users/{user}", null, HttpStatusCode.OK, "user", "auth.user_not_found"),
        new("PUT", "/api/v1/admin/users/{user}/role", new { role = "admin" }, HttpStatusCode.OK, "user", "auth.user_not_found"),
        new("POST", "/api/v1/admin/users/{user}/disable", null, HttpStatusCode.OK, "user", "auth.user_not_found"),
        new("POST", "/api/v1/admin/users/{user}/enable", null, HttpStatusCode.OK, "user", "auth.user_not_found"),
        new("GET", "/api/v1/admin/users/{user}/sessions", null, HttpStatusCode.OK, "user", "auth.user_not_found"),
        new("DELETE", "/api/v1/admin/users/{user}/sessions", null, HttpStatusCode.OK, "user", "auth.user_not_found"),
        // The targets have no MFA: getting as far as "not enabled" proves the caller was let through.
        new("DELETE", "/api/v1/admin/users/{user}/mfa", null, HttpStatusCode.Conflict, "user", "auth.user_not_found", "auth.mfa_not_enabled"),
        new("DELETE", "/api/v1/admin/users/{user}", null, HttpStatusCode.OK, "user", "auth.user_not_found"),
        new("GET", "/api/v1/admin/invitations", null, HttpStatusCode.OK, "none", null),
        new("POST", "/api/v1/admin/invitations/{invitation}/resend", null, HttpStatusCode.OK, "invitation", "auth.invitation_not_found"),
        new("DELETE", "/api/v1/admin/invitations/{invitation}", null, HttpStatusCode.NoContent, "invitation", "auth.invitation_not_found"),
    ];

    private static readonly TenantEndpoint[] TenantEndpoints =
    [
        new("GET", "/api/v1/admin/tenants", null, HttpStatusCode.OK),
        new("POST", "/api/v1/admin/tenants", new { name = "Initech", ownerEmail = "boss@initech.test" }, HttpStatusCode.Created),
        new("PUT", "/api/v1/admin/tenants/{tenant}/name", new { name = "Globex Corporation" }, HttpStatusCode.OK),
        new("POST", "/api/v1/admin/tenants/{tenant}/suspend", null, HttpStatusCode.OK),
        new("POST", "/api/v1/admin/tenants/{tenant}/unsuspend", null, HttpStatusCode.OK),
        new("DELETE", "/api/v1/admin/tenants/{tenant}?deleteUsers=true&confirmName=Globex", null, HttpStatusCode.OK),
    ];

    [TestCaseSource(nameof(UserEndpoints))]
    public async Task UserEndpointShouldServeOnlyAdministratorsOfTheUsersTenant(UserEndpoint endpoint)
    {
        var world = await AdminWorld.CreateAsync();
        string PathFor(int target) => endpoint.Path
            .Replace("{user}", world.AcmeTargets[target].UserId.ToString(), StringComparison.Ordinal)
            .Replace("{invitation}", world.AcmeInvitations[target].ToString(), StringComparison.Ordinal);
        var before = await AdminWorld.StableDumpAsync();

        using (var anonymous = TestApp.CreateClient())
        using (var response = await AdminWorld.SendAsync(anonymous, endpoint.Method, PathFor(0), endpoint.Body))
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        using (var member = TestApp.CreateClient(world.AcmeMember.AccessToken))
        using (var response = await AdminWorld.SendAsync(member, endpoint.Method, PathFor(0), endpoint.Body))
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        using (var exportKey = TestApiKeys.Client(world.ExportKey))
        using (var response = await AdminWorld.SendAsync(exportKey, endpoint.Method, PathFor(0), endpoint.Body))
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_scope_missing");
        using (var otherTenant = TestApp.CreateClient(world.GlobexOwner.AccessToken))
        using (var response = await AdminWorld.SendAsync(otherTenant, endpoint.Method, PathFor(0), endpoint.Body))
        {
            if (endpoint.NotFoundCode is not null) await response.AssertProblemAsync(HttpStatusCode.NotFound, endpoint.NotFoundCode);
            else
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
                Assert.That(text, Does.Not.Contain(world.AcmeTargets[0].UserId.ToString()).And.Not.Contain("acme").And.Not.Contain(world.AcmeInvitations[0].ToString()));
            }
        }
        Assert.That(await AdminWorld.StableDumpAsync(), Is.EqualTo(before), "a refused request changed something");

        var allowed = new (string Who, HttpClient Client)[]
        {
            ("tenant admin", TestApp.CreateClient(world.AcmeAdmin.AccessToken)),
            ("instance admin", TestApp.CreateClient(world.Root.AccessToken)),
            ("user-management key", TestApiKeys.Client(world.UserManagementKey)),
        };
        for (var i = 0; i < allowed.Length; i++)
        {
            using var client = allowed[i].Client;
            using var response = await AdminWorld.SendAsync(client, endpoint.Method, PathFor(i), endpoint.Body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(endpoint.Success), $"{allowed[i].Who}: {text}");
            if (endpoint.SuccessCode is not null) Assert.That(text, Does.Contain($"\"{endpoint.SuccessCode}\""), allowed[i].Who);
            if (endpoint.Target == "none") Assert.That(text, Does.Contain(endpoint.Path.EndsWith("users", StringComparison.Ordinal) ? "acme-t1" : world.AcmeInvitations[0].ToString()), allowed[i].Who);
        }
    }

    [TestCaseSource(nameof(TenantEndpoints))]
    public async Task TenantEndpointShouldServeOnlyInstanceAdministrators(TenantEndpoint endpoint)
    {
        var world = await AdminWorld.CreateAsync();
        var path = endpoint.Path.Replace("{tenant}", world.GlobexId.ToString(), StringComparison.Ordinal);
        var before = await AdminWorld.StableDumpAsync();

        var refused = new (string Who, HttpClient Client, HttpStatusCode Status, string Code)[]
        {
            ("anonymous", TestApp.CreateClient(), HttpStatusCode.Unauthorized, "auth.unauthenticated"),
            ("member", TestApp.CreateClient(world.AcmeMember.AccessToken), HttpStatusCode.Forbidden, "auth.forbidden"),
            ("tenant owner", TestApp.CreateClient(world.AcmeOwner.AccessToken), HttpStatusCode.Forbidden, "auth.forbidden"),
            ("the tenant's own owner", TestApp.CreateClient(world.GlobexOwner.AccessToken), HttpStatusCode.Forbidden, "auth.forbidden"),
            ("user-management key", TestApiKeys.Client(world.UserManagementKey), HttpStatusCode.Forbidden, "auth.api_key_not_allowed"),
            ("export key", TestApiKeys.Client(world.ExportKey), HttpStatusCode.Forbidden, "auth.api_key_not_allowed"),
        };
        foreach (var (who, client, status, code) in refused)
        {
            using (client)
            using (var response = await AdminWorld.SendAsync(client, endpoint.Method, path, endpoint.Body))
                Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"\"{code}\"").And.Contain($"\"status\":{(int)status}"), who);
        }
        Assert.That(await AdminWorld.StableDumpAsync(), Is.EqualTo(before), "a refused request changed something");

        using var root = TestApp.CreateClient(world.Root.AccessToken);
        using var allowed = await AdminWorld.SendAsync(root, endpoint.Method, path, endpoint.Body);
        Assert.That(allowed.StatusCode, Is.EqualTo(endpoint.Success), await allowed.Content.ReadAsStringAsync());
    }
}
