using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Auth.Revocation;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Auth.Administration;

public sealed class AdministrationHttpTests : TestBase
{
    [Test]
    public async Task DisablingShouldEndTheSessionsAtOnceAndRefuseLoginRefreshAndApiKeysUntilEnabled()
    {
        var world = await AdminWorld.CreateAsync();
        var target = await TestAccounts.LoginAsync(world.AcmeTargets[0]);
        using var targetClient = TestApp.CreateClient(target.AccessToken);
        using (var before = await targetClient.GetAsync("/api/v1/auth/account"))
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "positive control");
        using var admin = TestApp.CreateClient(world.AcmeAdmin.AccessToken);
        var path = $"/api/v1/admin/users/{target.Account.UserId}";
        var since = Stopwatch.StartNew();

        using (var disabled = await admin.PostAsync(path + "/disable", null))
        {
            Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await disabled.Content.ReadAsStringAsync());
            var view = await disabled.ReadJsonAsync();
            Assert.That(view.GetProperty("disabled").GetBoolean(), Is.True);
            Assert.That(view.GetProperty("activeSessions").GetInt32(), Is.Zero);
        }

        await RevocationProbe.AssertRefusedAsync(targetClient, since);
        await AdminWorld.LoginProblemAsync(target.Account, HttpStatusCode.Forbidden, "auth.account_disabled");
        using (var anonymous = TestApp.CreateClient())
        using (var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = target.RefreshToken }))
            await refresh.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.account_disabled");
        await AdminWorld.LoginProblemAsync(
            TestAccount.Create(target.Account.Username), HttpStatusCode.Unauthorized, "auth.invalid_credentials");

        using (var enabled = await admin.PostAsync(path + "/enable", null))
            Assert.That((await enabled.ReadJsonAsync()).GetProperty("disabled").GetBoolean(), Is.False);
        var again = await TestAccounts.LoginAsync(target.Account);
        using var againClient = TestApp.CreateClient(again.AccessToken);
        using (var works = await againClient.GetAsync("/api/v1/auth/account"))
            Assert.That(works.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await EventTypesAsync(target.Account.UserId), Is.SupersetOf(new[] { "account_disabled_by_admin", "account_enabled_by_admin" }));
    }

    [Test]
    public async Task ADisabledOwnersApiKeysShouldBeRefusedWithTheClearCode()
    {
        var world = await AdminWorld.CreateAsync();
        using var root = TestApp.CreateClient(world.Root.AccessToken);
        using (var disabled = await root.PostAsync($"/api/v1/admin/users/{world.AcmeOwner.Account.UserId}/disable", null))
            Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await disabled.Content.ReadAsStringAsync());

        using var key = TestApiKeys.Client(world.UserManagementKey);
        using var response = await key.GetAsync("/api/v1/admin/users");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.account_disabled");
    }

    [Test]
    public async Task SuspendingATenantShouldEndEveryonesSessionsAndRefuseLoginsUntilUnsuspended()
    {
        var world = await AdminWorld.CreateAsync();
        using var root = TestApp.CreateClient(world.Root.AccessToken);
        using var memberClient = TestApp.CreateClient(world.AcmeMember.AccessToken);
        using var globexClient = TestApp.CreateClient(world.GlobexOwner.AccessToken);

        var since = Stopwatch.StartNew();
        using (var suspended = await root.PostAsync($"/api/v1/admin/tenants/{world.AcmeId}/suspend", null))
            Assert.That((await suspended.ReadJsonAsync()).GetProperty("suspended").GetBoolean(), Is.True);

        await RevocationProbe.AssertRefusedAsync(memberClient, since);
        using (var otherTenant = await globexClient.GetAsync("/api/v1/auth/account"))
            Assert.That(otherTenant.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another tenant is not touched");
        await AdminWorld.LoginProblemAsync(world.AcmeOwner.Account, HttpStatusCode.Forbidden, "auth.tenant_suspended");
        using (var key = TestApiKeys.Client(world.UserManagementKey))
        using (var keyResponse = await key.GetAsync("/api/v1/admin/users"))
            await keyResponse.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.tenant_suspended");
        using (var self = await root.PostAsync($"/api/v1/admin/tenants/{Guid.Parse("00000000-0000-0000-0000-000000000001")}/suspend", null))
            await self.AssertProblemAsync(HttpStatusCode.Conflict, "auth.admin_self_action");

        using (var unsuspended = await root.PostAsync($"/api/v1/admin/tenants/{world.AcmeId}/unsuspend", null))
            Assert.That((await unsuspended.ReadJsonAsync()).GetProperty("suspended").GetBoolean(), Is.False);
        await TestAccounts.LoginAsync(world.AcmeOwner.Account);
    }

    [Test]
    public async Task ResettingMfaShouldRemoveTheAuthenticatorAndCodesAndBeRecordedOnTheAccount()
    {
        var world = await AdminWorld.CreateAsync();
        var mfa = await TestMfa.EnableAsync(await TestAccounts.LoginAsync(world.AcmeTargets[0]));
        await TestMfa.TicketAsync(mfa.Account, Guid.NewGuid());
        using var admin = TestApp.CreateClient(world.AcmeAdmin.AccessToken);

        using (var reset = await admin.DeleteAsync($"/api/v1/admin/users/{mfa.Account.UserId}/mfa"))
        {
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reset.Content.ReadAsStringAsync());
            Assert.That((await reset.ReadJsonAsync()).GetProperty("mfaEnabled").GetBoolean(), Is.False);
        }

        Assert.That(await TestDatabase.CountAsync("auth.recovery_codes"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("auth.totp_authenticators"), Is.Zero);
        var login = await TestAccounts.LoginAsync(mfa.Account);
        Assert.That(login.AccessToken, Is.Not.Empty, "the master password alone logs in until the user enrols again");
        Assert.That(await EventTypesAsync(mfa.Account.UserId), Does.Contain("mfa_reset_by_admin"));
        using (var again = await admin.DeleteAsync($"/api/v1/admin/users/{mfa.Account.UserId}/mfa"))
            await again.AssertProblemAsync(HttpStatusCode.Conflict, "auth.mfa_not_enabled");
    }

    [Test]
    public async Task DeletingShouldFollowTheSelfDeletionRulesWithoutTheAuthHash()
    {
        var world = await AdminWorld.CreateAsync();
        var owner = await TestAccounts.LoginAsync(world.AcmeTargets[0]);
        using var ownerClient = TestApp.CreateClient(owner.AccessToken);
        var shared = await TestVaults.CreateAsync(ownerClient);
        await TestVaults.GrantDirectlyAsync(shared, world.AcmeTargets[1].UserId, Permission.Read);
        using var admin = TestApp.CreateClient(world.AcmeAdmin.AccessToken);
        var before = await AdminWorld.StableDumpAsync();

        using (var blocked = await admin.DeleteAsync($"/api/v1/admin/users/{owner.Account.UserId}"))
        {
            var problem = await blocked.AssertProblemAsync(HttpStatusCode.Conflict, "auth.account_deletion_blocked");
            Assert.That(problem.GetProperty("details").GetProperty("vaults")[0].GetProperty("vaultId").GetGuid(), Is.EqualTo(shared));
        }
        Assert.That(await AdminWorld.StableDumpAsync(), Is.EqualTo(before), "a blocked deletion changes nothing");

        using (var deleted = await admin.DeleteAsync($"/api/v1/admin/users/{world.AcmeTargets[2].UserId}"))
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deleted.Content.ReadAsStringAsync());
        using (var gone = await admin.GetAsync($"/api/v1/admin/users/{world.AcmeTargets[2].UserId}"))
            await gone.AssertProblemAsync(HttpStatusCode.NotFound, "auth.user_not_found");
        Assert.That(await EventTypesAsync(world.AcmeAdmin.Account.UserId), Does.Contain("admin_deleted_user"));
        using var anonymous = TestApp.CreateClient();
        using var reRegister = await anonymous.PostAsJsonAsync("/api/v1/auth/register", TestAccount.Create("acme-t3").RegisterBody);
        await reRegister.AssertProblemAsync(HttpStatusCode.Conflict, "auth.username_reserved");
    }

    [Test]
    public async Task TenantAdminsShouldNotTouchOwnersAndTheLastOwnerShouldStay()
    {
        var world = await AdminWorld.CreateAsync();
        using var admin = TestApp.CreateClient(world.AcmeAdmin.AccessToken);
        var ownerPath = $"/api/v1/admin/users/{world.AcmeOwner.Account.UserId}";
        var before = await AdminWorld.StableDumpAsync();

        using (var disable = await admin.PostAsync(ownerPath + "/disable", null))
            await disable.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.admin_action_not_allowed");
        using (var demote = await admin.PutAsJsonAsync(ownerPath + "/role", new { role = "member" }))
            await demote.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.admin_action_not_allowed");
        using (var promote = await admin.PutAsJsonAsync($"/api/v1/admin/users/{world.AcmeTargets[0].UserId}/role", new { role = "owner" }))
            await promote.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.admin_action_not_allowed");
        using (var self = await admin.PostAsync($"/api/v1/admin/users/{world.AcmeAdmin.Account.UserId}/disable", null))
            await self.AssertProblemAsync(HttpStatusCode.Conflict, "auth.admin_self_action");
        using var root = TestApp.CreateClient(world.Root.AccessToken);
        using (var lastOwner = await root.PutAsJsonAsync(ownerPath + "/role", new { role = "admin" }))
            await lastOwner.AssertProblemAsync(HttpStatusCode.Conflict, "auth.last_owner");
        using (var deleteLast = await root.DeleteAsync(ownerPath))
            await deleteLast.AssertProblemAsync(HttpStatusCode.Conflict, "auth.last_owner");
        Assert.That(await AdminWorld.StableDumpAsync(), Is.EqualTo(before));

        using (var promoted = await root.PutAsJsonAsync($"/api/v1/admin/users/{world.AcmeAdmin.Account.UserId}/role", new { role = "owner" }))
            Assert.That((await promoted.ReadJsonAsync()).GetProperty("role").GetString(), Is.EqualTo("owner"));
        using var formerOwner = TestApp.CreateClient(world.AcmeOwner.AccessToken);
        var since = Stopwatch.StartNew();
        using (var demoted = await root.PutAsJsonAsync(ownerPath + "/role", new { role = "member" }))
            Assert.That((await demoted.ReadJsonAsync()).GetProperty("role").GetString(), Is.EqualTo("member"));
        using (var stale = await formerOwner.GetAsync("/api/v1/admin/users"))
            Assert.That((int)stale.StatusCode, Is.AnyOf(401, 403), "the stored role decides at once, the revocation follows");
        await RevocationProbe.AssertRefusedAsync(formerOwner, since);
    }

    [Test]
    public async Task ADemotedAdminsStillValidTokenShouldNotAdministerAnyMore()
    {
        var world = await AdminWorld.CreateAsync();
        using var root = TestApp.CreateClient(world.Root.AccessToken);
        await using (var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database))
        {
            await connection.OpenAsync();
            await using var demote = new Npgsql.NpgsqlCommand($"UPDATE auth.users SET role = 'Member' WHERE id = '{world.AcmeAdmin.Account.UserId}'", connection);
            Assert.That(await demote.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        using var admin = TestApp.CreateClient(world.AcmeAdmin.AccessToken);
        using var response = await admin.GetAsync("/api/v1/admin/users");
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.not_administrator");
    }

    [Test]
    public async Task ATenantCreatedWithAnOwnerInvitationShouldBeJoinedThroughRegistration()
    {
        var root = await TestAccounts.RegisterAndLoginAsync("root-admin");
        using var client = TestApp.CreateClient(root.AccessToken);
        using var created = await client.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "  Initech ", ownerEmail = "Peter@Initech.test" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var body = await created.ReadJsonAsync();
        var tenantId = body.GetProperty("tenant").GetProperty("tenantId").GetGuid();
        Assert.That(body.GetProperty("tenant").GetProperty("name").GetString(), Is.EqualTo("Initech"));
        var invitation = body.GetProperty("ownerInvitation");
        Assert.That(invitation.GetProperty("email").GetString(), Is.EqualTo("peter@initech.test"));
        var code = invitation.GetProperty("code").GetString()!;
        Assert.That(await TestDatabase.DumpAsync(), Does.Not.Contain(code));
        using (var taken = await client.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "INITECH", ownerEmail = "x@initech.test" }))
            await taken.AssertProblemAsync(HttpStatusCode.Conflict, "auth.tenant_name_taken");

        using (var resent = await client.PostAsync($"/api/v1/admin/invitations/{invitation.GetProperty("invitationId").GetGuid()}/resend", null))
        {
            Assert.That(resent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resent.Content.ReadAsStringAsync());
            var newCode = (await resent.ReadJsonAsync()).GetProperty("code").GetString()!;
            using var anonymous = TestApp.CreateClient();
            using (var old = await anonymous.PostAsJsonAsync("/api/v1/auth/register", WithCode(TestAccount.Create("peter"), code)))
                await old.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.invitation_invalid");
            code = newCode;
        }

        var peter = await TestAccounts.LoginAsync(await TestAccounts.RegisterAsync("peter", code));
        Assert.That(peter.Body.GetProperty("account").GetProperty("tenantId").GetGuid(), Is.EqualTo(tenantId));
        Assert.That(peter.Body.GetProperty("account").GetProperty("role").GetString(), Is.EqualTo("owner"));
        using var peterClient = TestApp.CreateClient(peter.AccessToken);
        var users = await peterClient.GetFromJsonAsync<JsonElement>("/api/v1/admin/users");
        Assert.That(users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()), Is.EqualTo(new[] { "peter" }));

        using (var list = await client.GetAsync("/api/v1/admin/tenants"))
        {
            var tenants = (await list.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
            Assert.That(tenants.Select(t => (t.GetProperty("name").GetString(), t.GetProperty("users").GetInt32())),
                Is.EqualTo(new[] { ("Default", 1), ("Initech", 1) }));
        }
    }

    [Test]
    public async Task DeletingATenantShouldNeedItsNameWhileItHasUsersAndTheDefaultTenantShouldStay()
    {
        var world = await AdminWorld.CreateAsync();
        using var root = TestApp.CreateClient(world.Root.AccessToken);
        var path = $"/api/v1/admin/tenants/{world.GlobexId}";

        using (var notEmpty = await root.DeleteAsync(path))
            Assert.That((await notEmpty.AssertProblemAsync(HttpStatusCode.Conflict, "auth.tenant_not_empty")).GetProperty("details").GetProperty("users").GetInt32(), Is.EqualTo(1));
        using (var wrongName = await root.DeleteAsync(path + "?deleteUsers=true&confirmName=globex"))
            await wrongName.AssertProblemAsync(HttpStatusCode.Conflict, "auth.tenant_not_empty");
        using (var defaultTenant = await root.DeleteAsync("/api/v1/admin/tenants/00000000-0000-0000-0000-000000000001?deleteUsers=true&confirmName=Default"))
            await defaultTenant.AssertProblemAsync(HttpStatusCode.Conflict, "auth.default_tenant_protected");
        using (var unknown = await root.DeleteAsync($"/api/v1/admin/tenants/{Guid.NewGuid()}"))
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "auth.tenant_not_found");

        using (var deleted = await root.DeleteAsync(path + "?deleteUsers=true&confirmName=Globex"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deleted.Content.ReadAsStringAsync());
            Assert.That((await deleted.ReadJsonAsync()).GetProperty("deletedUsers").GetInt32(), Is.EqualTo(1));
        }
        using (var gone = await root.GetAsync($"/api/v1/admin/users/{world.GlobexOwner.Account.UserId}"))
            await gone.AssertProblemAsync(HttpStatusCode.NotFound, "auth.user_not_found");
        Assert.That(await EventTypesAsync(world.Root.Account.UserId), Does.Contain("admin_deleted_tenant"));
    }

    [Test]
    public async Task ListingShouldSearchPageAndShowMetadataOnly()
    {
        var world = await AdminWorld.CreateAsync();
        using var admin = TestApp.CreateClient(world.AcmeAdmin.AccessToken);

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/users?limit=2{(cursor is null ? "" : "&after=" + cursor)}");
            Assert.That(page.GetProperty("items").GetArrayLength(), Is.LessThanOrEqualTo(2));
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);
        Assert.That(names, Is.EqualTo(new[] { "acme-admin", "acme-member", "acme-owner", "acme-t1", "acme-t2", "acme-t3" }));

        var found = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?search=T2%40EXAMPLE");
        Assert.That(found.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()), Is.EqualTo(new[] { "acme-t2" }));
        var none = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?search=%25");
        Assert.That(none.GetProperty("items").GetArrayLength(), Is.Zero, "% is a literal, not a wildcard");
        using var root = TestApp.CreateClient(world.Root.AccessToken);
        var globex = await root.GetFromJsonAsync<JsonElement>($"/api/v1/admin/users?tenantId={world.GlobexId}");
        Assert.That(globex.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()), Is.EqualTo(new[] { "globex-owner" }));

        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/users/{world.AcmeMember.Account.UserId}");
        Assert.That(view.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "userId", "tenantId", "username", "email", "role", "createdAt", "disabled", "mfaEnabled", "activeSessions", "lastSignInAt",
        }));
        Assert.That(view.GetProperty("activeSessions").GetInt32(), Is.EqualTo(1));
        var sessions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/users/{world.AcmeMember.Account.UserId}/sessions");
        Assert.That(sessions.GetProperty("items")[0].GetProperty("sessionId").GetGuid(), Is.EqualTo(world.AcmeMember.SessionId));
    }

    [TestCase("/api/v1/admin/users?limit=0")]
    [TestCase("/api/v1/admin/users?limit=1001")]
    [TestCase("/api/v1/admin/users?limit=-5")]
    [TestCase("/api/v1/admin/users?limit=99999999999")]
    [TestCase("/api/v1/admin/users?tenantId=not-a-guid")]
    [TestCase("/api/v1/admin/users?tenantId=00000000-0000-0000-0000-000000000000")]
    [TestCase("/api/v1/admin/users?search=%01x")]
    [TestCase("/api/v1/admin/tenants?limit=0")]
    public async Task BadQueriesShouldBeRefusedWith400(string path)
    {
        var root = await TestAccounts.RegisterAndLoginAsync("root-admin");
        using var client = TestApp.CreateClient(root.AccessToken);
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task BadBodiesAndIdsShouldBeRefusedAndChangeNothing()
    {
        var world = await AdminWorld.CreateAsync();
        using var root = TestApp.CreateClient(world.Root.AccessToken);
        var user = $"/api/v1/admin/users/{world.AcmeTargets[0].UserId}";
        var before = await AdminWorld.StableDumpAsync();
        var cases = new (string Method, string Path, object? Body, HttpStatusCode Status)[]
        {
            ("PUT", user + "/role", new { role = "superuser" }, HttpStatusCode.BadRequest),
            ("PUT", user + "/role", new { role = 7 }, HttpStatusCode.BadRequest),
            ("PUT", user + "/role", new { }, HttpStatusCode.BadRequest),
            ("POST", "/api/v1/admin/tenants", new { name = "", ownerEmail = "a@b.test" }, HttpStatusCode.BadRequest),
            ("POST", "/api/v1/admin/tenants", new { name = "   ", ownerEmail = "a@b.test" }, HttpStatusCode.BadRequest),
            ("POST", "/api/v1/admin/tenants", new { name = new string('n', 201), ownerEmail = "a@b.test" }, HttpStatusCode.BadRequest),
            ("POST", "/api/v1/admin/tenants", new { name = "Fine", ownerEmail = "not an email" }, HttpStatusCode.BadRequest),
            ("POST", "/api/v1/admin/tenants", new { name = "Bad\u0007Name", ownerEmail = "a@b.test" }, HttpStatusCode.BadRequest),
            ("PUT", $"/api/v1/admin/tenants/{world.GlobexId}/name", new { name = "" }, HttpStatusCode.BadRequest),
            ("POST", "/api/v1/admin/users/not-a-guid/disable", null, HttpStatusCode.NotFound),
            ("POST", $"/api/v1/admin/users/{Guid.NewGuid()}/disable", null, HttpStatusCode.NotFound),
            ("POST", $"/api/v1/admin/invitations/{Guid.NewGuid()}/resend", null, HttpStatusCode.NotFound),
            ("POST", "/api/v1/admin/tenants/12345/suspend", null, HttpStatusCode.NotFound),
        };
        foreach (var (method, path, body, status) in cases)
        {
            using var response = await AdminWorld.SendAsync(root, method, path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(status), $"{method} {path}: {text}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"{method} {path}");
        }
        Assert.That(await AdminWorld.StableDumpAsync(), Is.EqualTo(before));
    }

    private static async Task<List<string>> EventTypesAsync(Guid userId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT type, coalesce(details::text, '') FROM auth.security_events WHERE user_id = @id", connection);
        command.Parameters.AddWithValue("id", userId);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
            if (reader.GetString(0).Contains("admin", StringComparison.Ordinal))
                Assert.That(reader.GetString(1), Does.Contain("actorId"), "an admin action names its actor");
        }
        return types;
    }

    private static System.Text.Json.Nodes.JsonObject WithCode(TestAccount account, string code)
    {
        account.RegisterBody["invitationCode"] = code;
        return account.RegisterBody;
    }
}
