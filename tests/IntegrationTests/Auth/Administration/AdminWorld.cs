using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Administration;

/// <summary>
/// Two tenants made through the administration API: Acme (owner, admin, a member who calls, three members and three
/// invitations to act on) and Globex (its owner administers another tenant), plus the instance administrator
/// <c>root-admin</c> (ApiFactory lists it) in the default tenant, and two API keys of Acme's owner.
/// </summary>
internal sealed record AdminWorld(
    LoggedIn Root,
    Guid AcmeId,
    LoggedIn AcmeOwner,
    LoggedIn AcmeAdmin,
    LoggedIn AcmeMember,
    IReadOnlyList<TestAccount> AcmeTargets,
    IReadOnlyList<Guid> AcmeInvitations,
    Guid GlobexId,
    LoggedIn GlobexOwner,
    CreatedApiKey UserManagementKey,
    CreatedApiKey ExportKey)
{
    public static async Task<AdminWorld> CreateAsync()
    {
        var root = await TestAccounts.RegisterAndLoginAsync("root-admin");
        var (acmeId, acmeCode) = await CreateTenantAsync(root, "Acme", "boss@acme.test");
        var acmeOwner = await TestAccounts.LoginAsync(await TestAccounts.RegisterAsync("acme-owner", acmeCode));
        var acmeAdmin = await TestAccounts.LoginAsync(await TestAccounts.RegisterAsync("acme-admin", await InviteAsync(acmeOwner, "admin")));
        var acmeMember = await TestAccounts.LoginAsync(await TestAccounts.RegisterAsync("acme-member", await InviteAsync(acmeOwner, "member")));
        var targets = new List<TestAccount>();
        foreach (var name in new[] { "acme-t1", "acme-t2", "acme-t3" })
            targets.Add(await TestAccounts.RegisterAsync(name, await InviteAsync(acmeOwner, "member")));
        var invitations = new List<Guid>();
        for (var i = 0; i < 3; i++) invitations.Add(await InvitationIdAsync(acmeOwner));
        var (globexId, globexCode) = await CreateTenantAsync(root, "Globex", "boss@globex.test");
        var globexOwner = await TestAccounts.LoginAsync(await TestAccounts.RegisterAsync("globex-owner", globexCode));
        return new AdminWorld(
            root, acmeId, acmeOwner, acmeAdmin, acmeMember, targets, invitations, globexId, globexOwner,
            await TestApiKeys.CreateAsync(acmeOwner, "user-management"), await TestApiKeys.CreateAsync(acmeOwner, "export"));
    }

    public static async Task<(Guid TenantId, string Code)> CreateTenantAsync(LoggedIn root, string name, string ownerEmail)
    {
        using var client = TestApp.CreateClient(root.AccessToken);
        using var response = await client.PostAsJsonAsync("/api/v1/admin/tenants", new { name, ownerEmail });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("tenant").GetProperty("tenantId").GetGuid(), body.GetProperty("ownerInvitation").GetProperty("code").GetString()!);
    }

    public static async Task<string> InviteAsync(LoggedIn admin, string role)
    {
        using var client = TestApp.CreateClient(admin.AccessToken);
        using var response = await client.PostAsJsonAsync("/api/v1/tenant/invitations", new { role });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("code").GetString()!;
    }

    private static async Task<Guid> InvitationIdAsync(LoggedIn admin)
    {
        using var client = TestApp.CreateClient(admin.AccessToken);
        using var response = await client.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "member" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    /// <summary>Every row of the database except what a refused key request records by design: the key's last use and the audit log.</summary>
    public static async Task<string> StableDumpAsync() =>
        string.Join('\n', (await TestDatabase.DumpAsync()).Split('\n').Where(line =>
            !line.StartsWith("\\restrict", StringComparison.Ordinal) && !line.StartsWith("\\unrestrict", StringComparison.Ordinal)
            // A key's use is recorded (its last use, an audit row at most once a minute): that is not a change the request made.
            && !line.StartsWith("INSERT INTO auth.api_keys", StringComparison.Ordinal)
            && !line.StartsWith("INSERT INTO audit.", StringComparison.Ordinal)
            // A refused request is audited: its queued event moves the queue's sequence (ADR-0034).
            && !line.StartsWith("SELECT pg_catalog.setval('audit.", StringComparison.Ordinal)
            && !(line.StartsWith("INSERT INTO auth.security_events", StringComparison.Ordinal) && line.Contains("'api_key_used'", StringComparison.Ordinal))));

    public static async Task<JsonElement> LoginProblemAsync(TestAccount account, HttpStatusCode status, string code)
    {
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account));
        return await response.AssertProblemAsync(status, code);
    }
}
