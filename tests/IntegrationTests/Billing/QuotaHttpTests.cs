using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;
using static PasswordManager.IntegrationTests.Billing.TestBilling;

namespace PasswordManager.IntegrationTests.Billing;

public sealed class QuotaHttpTests : TestBase
{
    private LoggedIn admin = null!;
    private LoggedIn alice = null!;

    [SetUp]
    public async Task ArrangeAsync()
    {
        admin = await InstanceAdminAsync();
        alice = await TestAccounts.RegisterAndLoginAsync("alice");
    }

    [Test]
    public async Task ShouldLeaveAFreshInstanceUnlimited()
    {
        using var client = TestApp.CreateClient(alice.AccessToken);
        for (var i = 0; i < 5; i++) await TestVaults.CreateAsync(client);

        var usage = await UsageAsync(admin, DefaultTenant);
        Assert.That(usage.GetProperty("vaults").GetInt64(), Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldRefuseAVaultOverTheLimitAndCreateNothing()
    {
        await SetPlanAsync(admin, DefaultTenant, "free");
        using var client = TestApp.CreateClient(alice.AccessToken);
        await TestVaults.CreateAsync(client);
        await TestVaults.CreateAsync(client);
        var refusedId = Guid.NewGuid();

        using var refused = await client.PostAsJsonAsync("/api/v1/vaults", TestVaults.NewVaultBody(refusedId));

        await AssertQuotaExceededAsync(refused, "vaults", 2, 2);
        Assert.That(await TestDatabase.CountAsync("vault.vaults"), Is.EqualTo(2));
        Assert.That(await TestDatabase.CountAsync("vault.access_records"), Is.EqualTo(2));
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("vaults").GetInt64(), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldRefuseABatchThatWouldPassTheEntryLimitWhole()
    {
        await SetPlanAsync(admin, DefaultTenant, "free");
        await OverrideAsync(admin, DefaultTenant, "entries", "10");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        for (var i = 0; i < 8; i++) await TestVaults.PutEntryAsync(client, vaultId, Guid.NewGuid(), TestVaults.Ciphertext());

        using var refused = await client.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/batch", new
        {
            writes = Enumerable.Range(0, 3).Select(_ => new { entryId = Guid.NewGuid(), keyEpoch = 1, ciphertext = TestVaults.Ciphertext() }),
        });

        await AssertQuotaExceededAsync(refused, "entries", 10, 8);
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.EqualTo(8));
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("entries").GetInt64(), Is.EqualTo(8));
    }

    [Test]
    public async Task ShouldNeverLetParallelWritersPassTheEntryLimit()
    {
        await SetPlanAsync(admin, DefaultTenant, "free");
        await OverrideAsync(admin, DefaultTenant, "entries", "25");
        await OverrideAsync(admin, DefaultTenant, "vaults", "unlimited");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var aliceClient = TestApp.CreateClient(alice.AccessToken);
        using var bobClient = TestApp.CreateClient(bob.AccessToken);
        // Four vaults, so the writers do not queue on one vault lock: only the tenant's quota row serializes them.
        var vaults = new[]
        {
            (aliceClient, await TestVaults.CreateAsync(aliceClient)), (aliceClient, await TestVaults.CreateAsync(aliceClient)),
            (bobClient, await TestVaults.CreateAsync(bobClient)), (bobClient, await TestVaults.CreateAsync(bobClient)),
        };

        var writes = Enumerable.Range(0, 60).Select(async i =>
        {
            var (client, vaultId) = vaults[i % vaults.Length];
            using var response = await client.PutAsJsonAsync(
                $"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(writes);

        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(25), TestApp.Factory.Logs.RecentErrors);
        Assert.That(statuses.Count(s => s == HttpStatusCode.Forbidden), Is.EqualTo(35));
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.EqualTo(25));
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("entries").GetInt64(), Is.EqualTo(25));
    }

    [Test]
    public async Task ShouldKeepDataReadableExportableAndDeletableAfterADowngrade()
    {
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var entries = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            entries.Add(Guid.NewGuid());
            await TestVaults.PutEntryAsync(client, vaultId, entries[^1], TestVaults.Ciphertext());
        }

        await SetPlanAsync(admin, DefaultTenant, "free");
        await OverrideAsync(admin, DefaultTenant, "entries", "3");

        using var read = await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entries[0]}");
        using var sync = await client.GetAsync("/api/v1/sync");
        using var export = await client.GetAsync("/api/v1/export");
        using var replace = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{entries[1]}", new { replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });
        using var add = await client.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });
        using var delete = await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{entries[2]}?version=1");

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await sync.ReadJsonAsync()).GetProperty("entries").GetArrayLength(), Is.EqualTo(6));
        Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK), await export.Content.ReadAsStringAsync());
        Assert.That(replace.StatusCode, Is.EqualTo(HttpStatusCode.OK), "replacing an entry adds nothing");
        await AssertQuotaExceededAsync(add, "entries", 3, 6);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("entries").GetInt64(), Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldRefuseSharingOnAPlanWithoutItAndMembersOverTheLimit()
    {
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var carol = await TestAccounts.RegisterAndLoginAsync("carol");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        await SetPlanAsync(admin, DefaultTenant, "free");

        using var noSharing = await client.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", GrantBody(bob.Account.UserId));
        await AssertQuotaExceededAsync(noSharing, "sharing", 0, 0);

        await SetPlanAsync(admin, DefaultTenant, "premium");
        using var toBob = await client.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", GrantBody(bob.Account.UserId));
        using var toCarol = await client.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", GrantBody(carol.Account.UserId));

        Assert.That(toBob.StatusCode, Is.EqualTo(HttpStatusCode.Created), await toBob.Content.ReadAsStringAsync());
        await AssertQuotaExceededAsync(toCarol, "members_per_shared_vault", 2, 2);
        Assert.That(await TestDatabase.CountAsync("vault.access_records"), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldLetExactlyOneOfParallelGrantsTakeAVaultsLastSeat()
    {
        var recipients = new List<Guid>();
        for (var i = 0; i < 6; i++) recipients.Add((await TestAccounts.RegisterAndLoginAsync($"member{i}")).Account.UserId);
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        await SetPlanAsync(admin, DefaultTenant, "premium");

        // The premium plan allows two members per shared vault: alice and one more. Members are counted under the vault's
        // lock, not a tenant-wide one, so grants to different vaults never wait for each other.
        var grants = recipients.Select(async recipient =>
        {
            using var response = await client.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", GrantBody(recipient));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(grants);

        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1), TestApp.Factory.Logs.RecentErrors);
        Assert.That(statuses.Count(s => s == HttpStatusCode.Forbidden), Is.EqualTo(5));
        Assert.That(await TestDatabase.CountAsync("vault.access_records"), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldRefuseADeviceOverTheLimitButLetAKnownDeviceLogInAgain()
    {
        await SetPlanAsync(admin, DefaultTenant, "free");
        var device = Guid.NewGuid();
        await TestAccounts.LoginAsync(alice.Account, device);
        // alice is logged in on two devices now (the arrangement's and this one): the plan's limit.
        await TestAccounts.LoginAsync(alice.Account, device);

        using var anonymous = TestApp.CreateClient();
        using var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(alice.Account));

        await AssertQuotaExceededAsync(refused, "devices", 2, 2);
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.EqualTo(4), "root-admin's, alice's first, and two on the same device");
    }

    [Test]
    public async Task ShouldCountConcurrentLoginsOfOneAccountOneAtATime()
    {
        await SetPlanAsync(admin, DefaultTenant, "free");
        var sessionsBefore = await TestDatabase.CountAsync("auth.sessions");

        // alice holds one device; the free plan allows two, so of ten new devices at once exactly one may log in.
        var logins = Enumerable.Range(0, 10).Select(async _ =>
        {
            using var anonymous = TestApp.CreateClient();
            using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(alice.Account));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(logins);

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), TestApp.Factory.Logs.RecentErrors);
        Assert.That(statuses.Count(s => s == HttpStatusCode.Forbidden), Is.EqualTo(9));
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.EqualTo(sessionsBefore + 1));
    }

    [Test]
    public async Task ShouldRefuseApiKeysOnAPlanWithoutThem()
    {
        await SetPlanAsync(admin, DefaultTenant, "free");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var refused = await client.PostAsJsonAsync("/api/v1/auth/api-keys", new { name = "backup", scopes = new[] { "export" } });

        await AssertQuotaExceededAsync(refused, "api_keys", 0, 0);
        Assert.That(await TestDatabase.CountAsync("auth.api_keys"), Is.Zero);
        await OverrideAsync(admin, DefaultTenant, "api_keys", "true");
        Assert.That((await TestApiKeys.CreateAsync(alice, "export")).Id, Is.Not.Empty);
    }

    [Test]
    public async Task ShouldFindAndCorrectDriftWhenReconciling()
    {
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        await TestVaults.PutEntryAsync(client, vaultId, Guid.NewGuid(), TestVaults.Ciphertext());
        await ExecuteAsync("UPDATE billing.tenant_usage SET entries = 40, vaults = 0");
        using var adminClient = TestApp.CreateClient(admin.AccessToken);

        using var reconcile = await adminClient.PostAsync($"/api/v1/admin/tenants/{DefaultTenant}/usage/reconcile", null);
        var usage = await UsageAsync(admin, DefaultTenant);

        Assert.That(reconcile.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reconcile.Content.ReadAsStringAsync());
        var corrected = (await reconcile.ReadJsonAsync()).GetProperty("corrected");
        Assert.That(corrected.GetArrayLength(), Is.EqualTo(1));
        Assert.That(usage.GetProperty("entries").GetInt64(), Is.EqualTo(1));
        Assert.That(usage.GetProperty("vaults").GetInt64(), Is.EqualTo(1));
        Assert.That(usage.GetProperty("lastDrift").GetProperty("entries").GetInt64(), Is.EqualTo(-39));
        Assert.That(usage.GetProperty("lastDrift").GetProperty("vaults").GetInt64(), Is.EqualTo(1));
    }

    private static object GrantBody(Guid userId) => new
    {
        userId,
        permission = "read",
        keyEpoch = 1,
        wrappedKey = TestVaults.WrappedKey(),
        granterSignature = TestVaults.Signature(),
    };
}
