using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Billing.TestBilling;

namespace PasswordManager.IntegrationTests.Billing;

/// <summary>
/// Every Billing admin endpoint against every kind of caller: anonymous, a member, the admin of another tenant, API keys
/// with and without <c>user-management</c>, the tenant's own admin, and the instance admin.
/// </summary>
public sealed class BillingAuthorizationHttpTests : TestBase
{
    private static readonly (string Method, string Path, object? Body, bool Change)[] Endpoints =
    [
        ("GET", "/api/v1/admin/tenants/{tenant}/billing", null, false),
        ("GET", "/api/v1/admin/tenants/{tenant}/usage", null, false),
        ("PUT", "/api/v1/admin/tenants/{tenant}/subscription", new { plan = "teams", status = "active" }, true),
        ("PUT", "/api/v1/admin/tenants/{tenant}/entitlements/vaults", new { value = "5" }, true),
        ("DELETE", "/api/v1/admin/tenants/{tenant}/entitlements/vaults", null, true),
        ("POST", "/api/v1/admin/tenants/{tenant}/usage/reconcile", null, true),
    ];

    private static readonly (string Method, string Path, object? Body)[] InstanceEndpoints =
    [
        ("GET", "/api/v1/admin/usage", null),
        ("POST", "/api/v1/admin/plans", new { id = "gold", name = "Gold" }),
        ("PATCH", "/api/v1/admin/plans/premium", new { name = "Premium+" }),
        ("GET", "/api/v1/admin/flags", null),
        ("PUT", "/api/v1/admin/flags/new-ui", new { enabled = true }),
        ("DELETE", "/api/v1/admin/flags/new-ui", null),
    ];

    private LoggedIn instanceAdmin = null!;
    private LoggedIn member = null!;
    private LoggedIn otherOwner = null!;
    private Guid otherTenant;

    [SetUp]
    public async Task ArrangeAsync()
    {
        instanceAdmin = await InstanceAdminAsync();
        member = await TestAccounts.RegisterAndLoginAsync("member");
        var other = await TestAccounts.RegisterAsync("other-owner");
        otherTenant = await CreateTenantAsync("Other");
        await MoveUserAsync(other.UserId, otherTenant, "Owner");
        otherOwner = await TestAccounts.LoginAsync(other);
    }

    [TearDown]
    public async Task CleanUpAsync() => await RemoveExtraTenantsAsync();

    [Test]
    public async Task ShouldRefuseAnonymousCallers()
    {
        using var client = TestApp.CreateClient();
        foreach (var (method, path, body, _) in Endpoints)
            await (await SendAsync(client, method, path.Replace("{tenant}", DefaultTenant.ToString(), StringComparison.Ordinal), body))
                .AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        foreach (var (method, path, body) in InstanceEndpoints)
            await (await SendAsync(client, method, path, body)).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await (await client.GetAsync("/api/v1/admin/plans")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await (await client.GetAsync("/api/v1/features")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task ShouldLetAMemberReadNothingOfTheTenantAndHideOtherTenants()
    {
        using var client = TestApp.CreateClient(member.AccessToken);
        foreach (var (method, path, body, change) in Endpoints)
        {
            using var own = await SendAsync(client, method, path.Replace("{tenant}", DefaultTenant.ToString(), StringComparison.Ordinal), body);
            await own.AssertProblemAsync(HttpStatusCode.Forbidden, change ? "billing.instance_admin_required" : "billing.admin_required");
        }

        foreach (var (method, path, body, change) in Endpoints.Where(e => !e.Change))
            await (await SendAsync(client, method, path.Replace("{tenant}", otherTenant.ToString(), StringComparison.Ordinal), body))
                .AssertProblemAsync(HttpStatusCode.NotFound, "billing.tenant_not_found");
        await (await client.GetAsync("/api/v1/admin/plans")).AssertProblemAsync(HttpStatusCode.Forbidden, "billing.admin_required");
        await AssertInstanceEndpointsRefusedAsync(client);
        Assert.That((await client.GetAsync("/api/v1/features")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ShouldLetATenantAdminReadOnlyTheirOwnTenant()
    {
        using var client = TestApp.CreateClient(otherOwner.AccessToken);

        using var ownBilling = await client.GetAsync($"/api/v1/admin/tenants/{otherTenant}/billing");
        using var ownUsage = await client.GetAsync($"/api/v1/admin/tenants/{otherTenant}/usage");
        using var plans = await client.GetAsync("/api/v1/admin/plans");

        Assert.That(ownBilling.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ownBilling.Content.ReadAsStringAsync());
        Assert.That((await ownBilling.ReadJsonAsync()).GetProperty("plan").GetProperty("id").GetString(), Is.EqualTo("self-hosted-unlimited"));
        Assert.That(ownUsage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(plans.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var (method, path, body, change) in Endpoints)
        {
            using var other = await SendAsync(client, method, path.Replace("{tenant}", DefaultTenant.ToString(), StringComparison.Ordinal), body);
            if (change) await other.AssertProblemAsync(HttpStatusCode.Forbidden, "billing.instance_admin_required");
            else await other.AssertProblemAsync(HttpStatusCode.NotFound, "billing.tenant_not_found");
            using var own = await SendAsync(client, method, path.Replace("{tenant}", otherTenant.ToString(), StringComparison.Ordinal), body);
            if (change) await own.AssertProblemAsync(HttpStatusCode.Forbidden, "billing.instance_admin_required");
        }

        await AssertInstanceEndpointsRefusedAsync(client);
        Assert.That(await TestDatabase.CountAsync("billing.subscriptions"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("billing.entitlement_overrides"), Is.Zero);
    }

    [Test]
    public async Task ShouldNeverLetAnApiKeyReachBilling([Values("user-management", "export")] string scope)
    {
        var key = await TestApiKeys.CreateAsync(instanceAdmin, scope);
        using var client = TestApiKeys.Client(key);

        foreach (var (method, path, body, _) in Endpoints)
            await (await SendAsync(client, method, path.Replace("{tenant}", DefaultTenant.ToString(), StringComparison.Ordinal), body))
                .AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        foreach (var (method, path, body) in InstanceEndpoints)
            await (await SendAsync(client, method, path, body)).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        await (await client.GetAsync("/api/v1/admin/plans")).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        await (await client.GetAsync("/api/v1/features")).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        Assert.That(await TestDatabase.CountAsync("billing.subscriptions"), Is.Zero);
    }

    [Test]
    public async Task ShouldLetTheInstanceAdminManageEveryTenantAndRecordEachAction()
    {
        using var client = TestApp.CreateClient(instanceAdmin.AccessToken);
        foreach (var (method, path, body, _) in Endpoints)
        {
            using var response = await SendAsync(client, method, path.Replace("{tenant}", otherTenant.ToString(), StringComparison.Ordinal), body);
            Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
        }

        foreach (var (method, path, body) in InstanceEndpoints)
        {
            using var response = await SendAsync(client, method, path, body);
            Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
        }

        using var unknown = await client.GetAsync($"/api/v1/admin/tenants/{Guid.NewGuid()}/billing");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "billing.tenant_not_found");
        using var events = await client.GetAsync("/api/v1/auth/security-events");
        var types = (await events.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.That(types, Is.SupersetOf(new[]
        {
            "billing_subscription_changed", "billing_entitlement_overridden", "billing_entitlement_override_removed", "billing_usage_reconciled",
            "billing_plan_created", "billing_plan_updated", "billing_flag_changed", "billing_flag_deleted",
        }));
        await ExecuteAsync("DELETE FROM billing.plans WHERE id = 'gold'");
        await ExecuteAsync("UPDATE billing.plans SET name = 'Premium' WHERE id = 'premium'");
    }

    [Test]
    public async Task ShouldRefuseBadInputWithProblemsAndChangeNothing()
    {
        using var client = TestApp.CreateClient(instanceAdmin.AccessToken);
        var tenant = $"/api/v1/admin/tenants/{DefaultTenant}";

        using var unknownPlan = await client.PutAsJsonAsync($"{tenant}/subscription", new { plan = "nope", status = "active" });
        using var badStatus = await client.PutAsJsonAsync($"{tenant}/subscription", new { plan = "free", status = "paused" });
        using var negativeSeats = await client.PutAsJsonAsync($"{tenant}/subscription", new { plan = "free", seats = -1 });
        using var hugeSeats = await client.PutAsJsonAsync($"{tenant}/subscription", new { plan = "free", seats = 99999999999L });
        using var badKey = await client.PutAsJsonAsync($"{tenant}/entitlements/nope", new { value = "1" });
        using var negativeLimit = await client.PutAsJsonAsync($"{tenant}/entitlements/vaults", new { value = "-1" });
        using var hugeLimit = await client.PutAsJsonAsync($"{tenant}/entitlements/vaults", new { value = "999999999999999999999" });
        using var badBool = await client.PutAsJsonAsync($"{tenant}/entitlements/sharing", new { value = "yes" });
        using var badTenant = await client.GetAsync("/api/v1/admin/tenants/not-a-guid/billing");
        using var badPlanId = await client.PostAsJsonAsync("/api/v1/admin/plans", new { id = "Bad Id", name = "x" });
        using var controlName = await client.PostAsJsonAsync("/api/v1/admin/plans", new { id = "ok", name = "a\u0001b" });
        using var badRollout = await client.PutAsJsonAsync("/api/v1/admin/flags/x", new { enabled = true, rolloutPercentage = 101 });
        using var entitlementFlag = await client.PutAsJsonAsync("/api/v1/admin/flags/entitlement.sharing", new { enabled = true });
        using var missingVariant = await client.PutAsJsonAsync("/api/v1/admin/flags/x", new { enabled = true, variantWhenEnabled = "blue" });

        await unknownPlan.AssertProblemAsync(HttpStatusCode.NotFound, "billing.plan_not_found");
        foreach (var response in new[] { badStatus, negativeSeats, badKey, negativeLimit, hugeLimit, badBool, badPlanId, badRollout, entitlementFlag, missingVariant })
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That((int)hugeSeats.StatusCode, Is.EqualTo(400));
        Assert.That((int)controlName.StatusCode, Is.EqualTo(400));
        Assert.That(badTenant.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await TestDatabase.CountAsync("billing.subscriptions"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("billing.entitlement_overrides"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("billing.feature_flags"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("billing.plans"), Is.EqualTo(6));
    }

    private static async Task AssertInstanceEndpointsRefusedAsync(HttpClient client)
    {
        foreach (var (method, path, body) in InstanceEndpoints)
            await (await SendAsync(client, method, path, body)).AssertProblemAsync(HttpStatusCode.Forbidden, "billing.instance_admin_required");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, object? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
        return await client.SendAsync(request);
    }
}
