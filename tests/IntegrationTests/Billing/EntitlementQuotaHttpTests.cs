using System.Net;
using System.Net.Http.Json;
using System.Text;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;
using static PasswordManager.IntegrationTests.Billing.TestBilling;

namespace PasswordManager.IntegrationTests.Billing;

/// <summary>The entitlements <see cref="QuotaHttpTests"/> leaves out: single entry writes, parallel vaults, history depth, import, MFA methods.</summary>
public sealed class EntitlementQuotaHttpTests : TestBase
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
    public async Task ShouldRefuseASingleEntryAtTheLimitButReplaceOneAndCreateAfterADelete()
    {
        await OverrideAsync(admin, DefaultTenant, "entries", "3");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var entries = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var entryId in entries) await TestVaults.PutEntryAsync(client, vaultId, entryId, TestVaults.Ciphertext());
        var refusedId = Guid.NewGuid();

        using var refused = await client.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{refusedId}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });
        using var replace = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{entries[0]}", new { replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });

        await AssertQuotaExceededAsync(refused, "entries", 3, 3);
        using var missing = await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{refusedId}");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(replace.StatusCode, Is.EqualTo(HttpStatusCode.OK), await replace.Content.ReadAsStringAsync());
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("entries").GetInt64(), Is.EqualTo(3));

        using var delete = await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{entries[1]}?version=1");
        using var create = await client.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{refusedId}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.EqualTo(4), "three live entries and one tombstone");
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("entries").GetInt64(), Is.EqualTo(3));
    }

    [Test]
    public async Task ShouldNeverLetParallelCreatorsPassTheVaultLimit()
    {
        await OverrideAsync(admin, DefaultTenant, "vaults", "5");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var aliceClient = TestApp.CreateClient(alice.AccessToken);
        using var bobClient = TestApp.CreateClient(bob.AccessToken);

        var creates = Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? aliceClient : bobClient).PostAsJsonAsync("/api/v1/vaults", TestVaults.NewVaultBody(Guid.NewGuid()));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(creates);

        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(5), TestApp.Factory.Logs.RecentErrors);
        Assert.That(statuses.Count(s => s == HttpStatusCode.Forbidden), Is.EqualTo(15));
        Assert.That(await TestDatabase.CountAsync("vault.vaults"), Is.EqualTo(5));
        Assert.That(await TestDatabase.CountAsync("vault.access_records"), Is.EqualTo(5));
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("vaults").GetInt64(), Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldKeepOnlyThePlansHistoryDepthOfPreviousVersionsAndNeverRefuseAWrite()
    {
        await OverrideAsync(admin, DefaultTenant, "history_depth", "3");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var entryId = Guid.NewGuid();
        var ciphertexts = new List<string> { TestVaults.Ciphertext() };
        await TestVaults.PutEntryAsync(client, vaultId, entryId, ciphertexts[0]);
        for (var version = 1; version < 7; version++)
        {
            ciphertexts.Add(TestVaults.Ciphertext());
            await TestVaults.PutEntryAsync(client, vaultId, entryId, ciphertexts[^1], replaces: version);
        }

        Assert.That(await VersionsAsync(client, vaultId, entryId), Is.EqualTo(new[] { 6L, 5L, 4L }));
        var current = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}")).ReadJsonAsync();
        Assert.That(current.GetProperty("entry").GetProperty("version").GetInt64(), Is.EqualTo(7));
        Assert.That(current.GetProperty("ciphertext").GetString(), Is.EqualTo(ciphertexts[^1]));
        var kept = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}/versions/4")).ReadJsonAsync();
        Assert.That(kept.GetProperty("ciphertext").GetString(), Is.EqualTo(ciphertexts[3]));
        using var pruned = await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}/versions/3");
        Assert.That(pruned.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // A plan without history still takes every write and keeps the current version.
        await OverrideAsync(admin, DefaultTenant, "history_depth", "0");
        var last = TestVaults.Ciphertext();
        await TestVaults.PutEntryAsync(client, vaultId, entryId, last, replaces: 7);

        Assert.That(await VersionsAsync(client, vaultId, entryId), Is.Empty);
        var after = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}")).ReadJsonAsync();
        Assert.That(after.GetProperty("entry").GetProperty("version").GetInt64(), Is.EqualTo(8));
        Assert.That(after.GetProperty("ciphertext").GetString(), Is.EqualTo(last));
        Assert.That(await TestDatabase.CountAsync("vault.entry_versions"), Is.Zero);
    }

    [Test]
    public async Task ShouldStopAnImportAtTheVaultLimitKeepingTheVaultsBeforeIt()
    {
        using var client = TestApp.CreateClient(alice.AccessToken);
        var first = await TestVaults.CreateAsync(client);
        var second = await TestVaults.CreateAsync(client);
        await TestVaults.PutEntryAsync(client, first, Guid.NewGuid(), TestVaults.Ciphertext());
        await TestVaults.PutEntryAsync(client, second, Guid.NewGuid(), TestVaults.Ciphertext());
        var archive = await client.GetStringAsync("/api/v1/export");
        await EmptyVaultsAsync();
        await OverrideAsync(admin, DefaultTenant, "vaults", "1");

        using var import = await client.PostAsync("/api/v1/import", new StringContent(archive, Encoding.UTF8, "application/x-ndjson"));

        await AssertQuotaExceededAsync(import, "vaults", 1, 1);
        Assert.That(await TestDatabase.CountAsync("vault.vaults"), Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.EqualTo(1));
        var usage = await UsageAsync(admin, DefaultTenant);
        Assert.That(usage.GetProperty("vaults").GetInt64(), Is.EqualTo(1));
        Assert.That(usage.GetProperty("entries").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRefuseAnImportBatchOverTheEntryLimitWhole()
    {
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        for (var i = 0; i < 4; i++) await TestVaults.PutEntryAsync(client, vaultId, Guid.NewGuid(), TestVaults.Ciphertext());
        var archive = await client.GetStringAsync("/api/v1/export");
        await EmptyVaultsAsync();
        await OverrideAsync(admin, DefaultTenant, "entries", "3");

        using var import = await client.PostAsync("/api/v1/import", new StringContent(archive, Encoding.UTF8, "application/x-ndjson"));

        await AssertQuotaExceededAsync(import, "entries", 3, 0);
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("vault.vaults"), Is.EqualTo(1), "the vault record committed before its entries");
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("entries").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseATotpEnrolmentThePlanDoesNotOfferButKeepEnabledOnesWorking()
    {
        var bob = await TestMfa.RegisterWithMfaAsync("bob");
        var carol = await TestAccounts.RegisterAndLoginAsync("carol");
        await TestMfa.EnrolAsync(carol);
        await OverrideAsync(admin, DefaultTenant, "mfa_methods", "");
        using var aliceClient = TestApp.CreateClient(alice.AccessToken);
        using var carolClient = TestApp.CreateClient(carol.AccessToken);

        using var enrol = await aliceClient.PostAsJsonAsync("/api/v1/auth/mfa/totp", new { authHash = alice.Account.AuthHashBase64 });
        using var confirm = await carolClient.PostAsJsonAsync("/api/v1/auth/mfa/totp/confirm", new { code = "000000" });
        var device = Guid.NewGuid();
        using var login = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(bob.Account, device), device, bob.CodeAt(bob.ConfirmedStep + 1));

        await AssertQuotaExceededAsync(enrol, "mfa_methods", 0, 0);
        await AssertQuotaExceededAsync(confirm, "mfa_methods", 0, 0);
        Assert.That(await TestDatabase.CountAsync("auth.totp_authenticators"), Is.EqualTo(2), "bob's, and carol's unconfirmed one");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), await login.Content.ReadAsStringAsync());

        await OverrideAsync(admin, DefaultTenant, "mfa_methods", "totp");
        await TestMfa.EnableAsync(alice);
    }

    private static async Task<long[]> VersionsAsync(HttpClient client, Guid vaultId, Guid entryId)
    {
        var history = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}/versions")).ReadJsonAsync();
        return [.. history.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt64())];
    }

    /// <summary>The tenant's vaults gone and its counters zeroed, as on a fresh instance the archive is restored into.</summary>
    private static async Task EmptyVaultsAsync()
    {
        await ExecuteAsync("TRUNCATE vault.vaults, vault.access_records, vault.entries, vault.entry_versions, vault.attachments CASCADE");
        await ExecuteAsync("UPDATE billing.tenant_usage SET vaults = 0, entries = 0, attachment_bytes = 0");
    }
}
