using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Billing;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Billing.TestBilling;

namespace PasswordManager.IntegrationTests.Billing;

public sealed class FeatureFlagHttpTests : TestBase
{
    private LoggedIn admin = null!;
    private LoggedIn alice = null!;

    [SetUp]
    public async Task ArrangeAsync()
    {
        admin = await InstanceAdminAsync();
        alice = await TestAccounts.RegisterAndLoginAsync("alice");
    }

    [TearDown]
    public async Task CleanUpAsync() => await RemoveExtraTenantsAsync();

    [Test]
    public async Task ShouldShowThePlanAndItsEntitlementsAsFlags()
    {
        var unlimited = await FeaturesAsync(alice);
        await SetPlanAsync(admin, DefaultTenant, "free");
        var free = await WaitForAsync(alice, f => f.GetProperty("plan").GetString() == "free");
        await OverrideAsync(admin, DefaultTenant, "sharing", "true");
        var overridden = await WaitForAsync(alice, f => Flag(f, "entitlement.sharing").GetProperty("enabled").GetBoolean());

        Assert.That(unlimited.GetProperty("plan").GetString(), Is.EqualTo("self-hosted-unlimited"));
        Assert.That(unlimited.GetProperty("entitlements").GetProperty("vaults").GetString(), Is.EqualTo("unlimited"));
        Assert.That(Flag(unlimited, "entitlement.sharing").GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(free.GetProperty("entitlements").GetProperty("vaults").GetString(), Is.EqualTo("2"));
        Assert.That(Flag(free, "entitlement.sharing").GetProperty("enabled").GetBoolean(), Is.False);
        Assert.That(Flag(free, "entitlement.api_keys").GetProperty("enabled").GetBoolean(), Is.False);
        Assert.That(Flag(free, "entitlement.vaults").GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(overridden.GetProperty("entitlements").GetProperty("sharing").GetString(), Is.EqualTo("true"));
    }

    [Test]
    public async Task ShouldTargetTenantsUsersAndPlans()
    {
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var other = await TestAccounts.RegisterAsync("other-owner");
        var otherTenant = await CreateTenantAsync("Other");
        await MoveUserAsync(other.UserId, otherTenant, "Owner");
        var outsider = await TestAccounts.LoginAsync(other);
        await SetPlanAsync(admin, otherTenant, "teams");

        await SetFlagAsync("tenant-flag", new { enabled = true, tenants = new[] { DefaultTenant } });
        await SetFlagAsync("user-flag", new { enabled = true, users = new[] { bob.Account.UserId } });
        await SetFlagAsync("plan-flag", new { enabled = true, plans = new[] { "teams" } });
        await SetFlagAsync("switched-off", new { enabled = false, rolloutPercentage = 100 });
        await SetFlagAsync("everyone", new { enabled = true, rolloutPercentage = 100 });

        var (forAlice, forBob, forOutsider) = (await FeaturesAsync(alice), await FeaturesAsync(bob), await FeaturesAsync(outsider));
        Assert.Multiple(() =>
        {
            Assert.That(Enabled(forAlice, "tenant-flag"), Is.True);
            Assert.That(Enabled(forOutsider, "tenant-flag"), Is.False);
            Assert.That(Enabled(forBob, "user-flag"), Is.True);
            Assert.That(Enabled(forAlice, "user-flag"), Is.False);
            Assert.That(Enabled(forOutsider, "plan-flag"), Is.True);
            Assert.That(Enabled(forAlice, "plan-flag"), Is.False);
            Assert.That(Enabled(forAlice, "switched-off"), Is.False);
            Assert.That(Enabled(forOutsider, "everyone"), Is.True);
        });
    }

    [Test]
    public async Task ShouldRollOutToAStableShareOfUsers()
    {
        await SetFlagAsync("half", new { enabled = true, rolloutPercentage = 50 });
        var flags = TestApp.Factory.Services.GetRequiredService<IFeatureFlags>();
        var users = Enumerable.Range(0, 400).Select(_ => Guid.NewGuid().ToString()).ToList();

        async Task<bool> IsOnAsync(string user) =>
            (await flags.EvaluateAsync(user, [FlagGroups.Tenant(DefaultTenant)], CancellationToken.None)).Single(s => s.Name == "half").Enabled;
        var first = new List<bool>();
        foreach (var user in users) first.Add(await IsOnAsync(user));
        var second = new List<bool>();
        foreach (var user in users) second.Add(await IsOnAsync(user));

        Assert.That(first.Count(on => on), Is.InRange(140, 260), "about half of 400 users");
        Assert.That(second, Is.EqualTo(first), "the same user always gets the same answer");
    }

    [Test]
    public async Task ShouldHandOutVariants()
    {
        var other = await TestAccounts.RegisterAsync("other-owner");
        var otherTenant = await CreateTenantAsync("Other");
        await MoveUserAsync(other.UserId, otherTenant, "Owner");
        var outsider = await TestAccounts.LoginAsync(other);

        await SetFlagAsync("theme", new
        {
            enabled = true,
            tenants = new[] { DefaultTenant },
            variants = new[] { new { name = "blue", value = "#0000ff" }, new { name = "green", value = "#00ff00" } },
            variantWhenEnabled = "blue",
            variantWhenDisabled = "green",
        });

        var (forAlice, forOutsider) = (Flag(await FeaturesAsync(alice), "theme"), Flag(await FeaturesAsync(outsider), "theme"));
        Assert.That(forAlice.GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(forAlice.GetProperty("variant").GetString(), Is.EqualTo("blue"));
        Assert.That(forAlice.GetProperty("value").GetString(), Is.EqualTo("#0000ff"));
        Assert.That(forOutsider.GetProperty("enabled").GetBoolean(), Is.False);
        Assert.That(forOutsider.GetProperty("variant").GetString(), Is.EqualTo("green"));
    }

    [Test]
    public async Task ShouldPropagateAFlagChangeToAnotherServerProcessWithinSeconds()
    {
        // The second process trusts its cache for an hour: only the change notification can update it in time.
        await using var second = new ApiFactory(new Dictionary<string, string?> { ["Billing:FlagCacheLifetime"] = "01:00:00" });
        using var secondClient = second.CreateClient();
        secondClient.DefaultRequestHeaders.Authorization = new("Bearer", alice.AccessToken);
        await SetFlagAsync("rollout", new { enabled = false });
        await Task.Delay(500);
        Assert.That(Enabled(await ReadAsync(secondClient), "rollout"), Is.False);

        var watch = Stopwatch.StartNew();
        await SetFlagAsync("rollout", new { enabled = true, rolloutPercentage = 100 });
        while (!Enabled(await ReadAsync(secondClient), "rollout"))
        {
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "the second process still has the old flag");
            await Task.Delay(50);
        }

        using var delete = await TestApp.CreateClient(admin.AccessToken).DeleteAsync("/api/v1/admin/flags/rollout");
        watch.Restart();
        while ((await ReadAsync(secondClient)).GetProperty("flags").TryGetProperty("rollout", out _))
        {
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "the second process still has the deleted flag");
            await Task.Delay(50);
        }
    }

    private async Task SetFlagAsync(string name, object body)
    {
        using var client = TestApp.CreateClient(admin.AccessToken);
        using var response = await client.PutAsJsonAsync($"/api/v1/admin/flags/{name}", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> FeaturesAsync(LoggedIn user)
    {
        using var client = TestApp.CreateClient(user.AccessToken);
        return await ReadAsync(client);
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/features");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>Flag changes reach this process by notification, a moment after the change commits.</summary>
    private static async Task<JsonElement> WaitForAsync(LoggedIn user, Func<JsonElement, bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var features = await FeaturesAsync(user);
            if (condition(features) || watch.Elapsed > TimeSpan.FromSeconds(3)) return features;
            await Task.Delay(50);
        }
    }

    private static JsonElement Flag(JsonElement features, string name) => features.GetProperty("flags").GetProperty(name);

    private static bool Enabled(JsonElement features, string name) =>
        features.GetProperty("flags").TryGetProperty(name, out var flag) && flag.GetProperty("enabled").GetBoolean();
}
