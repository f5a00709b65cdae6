using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Vault.Storage.CollectBlobGarbage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Infrastructure.Vault.Persistence;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Auth.Accounts;

public sealed class DeleteAccountHttpTests : TestBase
{
    private const string Path = "/api/v1/auth/account";
    private const string HintCanary = "canary-hint-7f3a9c";

    [Test]
    public async Task ShouldLeaveNothingOfTheAccountButTheReservationInTheDatabaseOrTheBlobStore()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var aliceClient = TestApp.CreateClient(alice.AccessToken);
        var shared = await TestVaults.CreateAsync(aliceClient);
        await TestVaults.PutEntryAsync(aliceClient, shared, Guid.NewGuid(), TestVaults.Ciphertext());

        var ursula = TestAccount.Create("ursula.deleted");
        ursula.RegisterBody["passwordHint"] = HintCanary;
        using (var anonymous = TestApp.CreateClient())
        using (var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", ursula.RegisterBody))
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var laptop = await TestAccounts.LoginAsync(ursula);
        var phone = await TestAccounts.LoginAsync(ursula);
        await TestApiKeys.CreateAsync(laptop, "export");
        using var client = TestApp.CreateClient(laptop.AccessToken);
        var personal = await TestVaults.CreateAsync(client, "personal");
        var small = await TestVaults.PutEntryAsync(client, personal, Guid.NewGuid(), TestVaults.Ciphertext());
        var large = Guid.NewGuid();
        var first = await TestVaults.PutEntryAsync(client, personal, large, TestVaults.Ciphertext(20_000));
        await TestVaults.PutEntryAsync(client, personal, large, TestVaults.Ciphertext(30_000), replaces: first.GetProperty("version").GetInt64());
        await TestVaults.GrantDirectlyAsync(shared, ursula.UserId, Permission.Write);
        await TestVaults.PutEntryAsync(client, shared, Guid.NewGuid(), TestVaults.Ciphertext());
        using (var read = await client.GetAsync($"/api/v1/vaults/{shared}/entries"))
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(BlobFiles(personal), Has.Length.EqualTo(2), "the large entry's two versions live in the blob store");
        Assert.That(await RekeyRecommendedAsync(aliceClient, shared), Is.False);

        using var response = await client.SendAsync(DeleteRequest(ursula.AuthHashBase64));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync() + TestApp.Factory.Logs.RecentErrors);
        var result = await response.ReadJsonAsync();
        Assert.That(result.GetProperty("deletedVaults").GetInt32(), Is.EqualTo(1));
        Assert.That(result.GetProperty("leftVaults").GetInt32(), Is.EqualTo(1));
        await CollectGarbageAsync();

        Assert.That(BlobFiles(personal), Is.Empty);
        var dump = await TestDatabase.DumpAsync();
        var traces = dump.Split('\n').Where(line =>
            line.Contains(ursula.UserId.ToString(), StringComparison.OrdinalIgnoreCase)
            || line.Contains("ursula", StringComparison.OrdinalIgnoreCase)
            || line.Contains(HintCanary, StringComparison.Ordinal)
            || line.Contains(personal.ToString(), StringComparison.OrdinalIgnoreCase)
            || line.Contains(small.GetProperty("entryId").GetGuid().ToString(), StringComparison.OrdinalIgnoreCase)
            || line.Contains(large.ToString(), StringComparison.OrdinalIgnoreCase)).ToList();
        // The audit log keeps ids and metadata of what the account did, never its name or hint (ADR-0025).
        var audit = traces.Where(TestDatabase.IsAuditLogRow).ToList();
        Assert.That(audit, Is.Not.Empty);
        Assert.That(audit, Has.None.Contain("ursula").And.None.Contain(HintCanary));
        traces = traces.Except(audit).ToList();
        Assert.That(traces, Has.Count.EqualTo(1), string.Join('\n', traces));
        Assert.That(traces[0], Does.StartWith("INSERT INTO auth.username_reservations"));
        Assert.That(await RekeyRecommendedAsync(aliceClient, shared), Is.True, "ursula held the shared vault's current key");
        using var entries = await aliceClient.GetAsync($"/api/v1/vaults/{shared}/entries");
        Assert.That(entries.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the shared vault and its entries stay");
    }

    [Test]
    public async Task ShouldEndTheAccountsSessionsAndKeepItsUsernameAndIdReserved()
    {
        var ursula = await TestAccounts.RegisterAsync("ursula");
        var laptop = await TestAccounts.LoginAsync(ursula);
        var phone = await TestAccounts.LoginAsync(ursula);
        using var client = TestApp.CreateClient(laptop.AccessToken);

        using var response = await client.SendAsync(DeleteRequest(ursula.AuthHashBase64));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var reservedUntil = (await response.ReadJsonAsync()).GetProperty("usernameReservedUntil").GetDateTimeOffset();
        Assert.That(reservedUntil, Is.EqualTo(DateTimeOffset.UtcNow.AddDays(90)).Within(TimeSpan.FromMinutes(5)));
        using var anonymous = TestApp.CreateClient();
        using var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = phone.RefreshToken });
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
        using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(ursula));
        await login.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        using var whoAmI = await client.GetAsync("/api/v1/auth/account");
        await whoAmI.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");

        using var sameName = await anonymous.PostAsJsonAsync("/api/v1/auth/register", TestAccount.Create("URSULA").RegisterBody);
        var sameId = TestAccount.Create("someone-else");
        sameId.RegisterBody["userId"] = ursula.UserId;
        var bundle = Convert.FromBase64String(sameId.RegisterBody["publicKeyBundle"]!.GetValue<string>());
        ursula.UserId.TryWriteBytes(bundle.AsSpan(1, 16), bigEndian: true, out _);
        sameId.RegisterBody["publicKeyBundle"] = Convert.ToBase64String(bundle);
        using var sameIdResponse = await anonymous.PostAsJsonAsync("/api/v1/auth/register", sameId.RegisterBody);
        await sameName.AssertProblemAsync(HttpStatusCode.Conflict, "auth.username_reserved");
        await sameIdResponse.AssertProblemAsync(HttpStatusCode.Conflict, "auth.username_reserved");
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.Zero);
    }

    [Test]
    public async Task ShouldFreeTheUsernameOnceTheReservationHasEnded()
    {
        await using var app = new ApiFactory(new Dictionary<string, string?> { ["Auth:DeletedUsernameReservationDays"] = "0" });
        using var client = app.CreateClient();
        var ursula = TestAccount.Create("ursula");
        using (var registered = await client.PostAsJsonAsync("/api/v1/auth/register", ursula.RegisterBody))
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(ursula));
        var token = (await login.ReadJsonAsync()).GetProperty("accessToken").GetString();
        var delete = DeleteRequest(ursula.AuthHashBase64);
        delete.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using (var deleted = await client.SendAsync(delete))
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var again = await client.PostAsJsonAsync("/api/v1/auth/register", TestAccount.Create("ursula").RegisterBody);

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created), await again.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ShouldRefuseWithTheListOfSharedVaultsTheAccountOwnsOrSignedAccessToAndChangeNothing()
    {
        var ursula = await TestAccounts.RegisterAndLoginAsync("ursula");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var carol = await TestAccounts.RegisterAndLoginAsync("carol");
        using var client = TestApp.CreateClient(ursula.AccessToken);
        using var bobClient = TestApp.CreateClient(bob.AccessToken);
        var owned = await TestVaults.CreateAsync(client);
        await TestVaults.GrantDirectlyAsync(owned, bob.Account.UserId, Permission.Read);
        var bobs = await TestVaults.CreateAsync(bobClient);
        await TestVaults.GrantDirectlyAsync(bobs, ursula.Account.UserId, Permission.Admin);
        await GrantAsAsync(bobs, carol.Account.UserId, ursula.Account.UserId);
        var before = await StableDumpAsync();

        using var response = await client.SendAsync(DeleteRequest(ursula.Account.AuthHashBase64));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "auth.account_deletion_blocked");
        var blockers = problem.GetProperty("details").GetProperty("vaults").EnumerateArray()
            .Select(v => (v.GetProperty("vaultId").GetGuid(), v.GetProperty("reason").GetString())).ToList();
        Assert.That(blockers, Is.EquivalentTo(new[] { (owned, "owner"), (owned, "signed_others_access"), (bobs, "signed_others_access") }));
        Assert.That(await StableDumpAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task ShouldRefuseTheSoleAdminOfASharedVault()
    {
        var ursula = await TestAccounts.RegisterAndLoginAsync("ursula");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var bobClient = TestApp.CreateClient(bob.AccessToken);
        var vault = await TestVaults.CreateAsync(bobClient);
        await TestVaults.GrantDirectlyAsync(vault, ursula.Account.UserId, Permission.Admin);
        await DemoteAsync(vault, bob.Account.UserId);
        using var client = TestApp.CreateClient(ursula.AccessToken);

        using var response = await client.SendAsync(DeleteRequest(ursula.Account.AuthHashBase64));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "auth.account_deletion_blocked");
        Assert.That(problem.GetProperty("details").GetProperty("vaults")[0].GetProperty("reason").GetString(), Is.EqualTo("sole_admin"));
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldRefuseAWrongAuthHashAnotherUsersAuthHashAnonymousCallersAndApiKeys()
    {
        var ursula = await TestAccounts.RegisterAndLoginAsync("ursula");
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        var key = await TestApiKeys.CreateAsync(ursula, TestApiKeys.AllScopes);
        using var client = TestApp.CreateClient(ursula.AccessToken);
        using var malloryClient = TestApp.CreateClient(mallory.AccessToken);
        using var anonymous = TestApp.CreateClient();
        using var apiKey = TestApiKeys.Client(key);
        var before = await StableDumpAsync(exceptThrottles: true);

        using var wrong = await client.SendAsync(DeleteRequest(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        using var other = await malloryClient.SendAsync(DeleteRequest(ursula.Account.AuthHashBase64));
        using var anonymousResponse = await anonymous.SendAsync(DeleteRequest(ursula.Account.AuthHashBase64));
        using var apiKeyResponse = await apiKey.SendAsync(DeleteRequest(ursula.Account.AuthHashBase64));

        await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        await other.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        await anonymousResponse.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await apiKeyResponse.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        Assert.That(await StableDumpAsync(exceptThrottles: true), Is.EqualTo(before));
    }

    [TestCase("{}", "request.validation_failed", TestName = "ShouldRejectAMissingAuthHash")]
    [TestCase("{\"authHash\":\"\\u0000\\u0001\"}", "request.validation_failed", TestName = "ShouldRejectControlCharactersAsAuthHash")]
    [TestCase("{\"authHash\":\"AAAA\"}", "request.validation_failed", TestName = "ShouldRejectAShortAuthHash")]
    [TestCase("{\"authHash\":", "request.malformed", TestName = "ShouldRejectMalformedJson")]
    [TestCase("", "request.malformed", TestName = "ShouldRejectAMissingBody")]
    public async Task ShouldRejectBadInputAndChangeNothing(string body, string code)
    {
        var ursula = await TestAccounts.RegisterAndLoginAsync("ursula");
        using var client = TestApp.CreateClient(ursula.AccessToken);
        var before = await StableDumpAsync();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.That(await StableDumpAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task ShouldRejectAHugeBodyAndChangeNothing()
    {
        var ursula = await TestAccounts.RegisterAndLoginAsync("ursula");
        using var client = TestApp.CreateClient(ursula.AccessToken);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Path)
        {
            Content = new StringContent($"{{\"authHash\":\"{new string('A', 1_000_000)}\"}}", Encoding.UTF8, "application/json"),
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.EqualTo(1));
    }

    /// <summary>The dump without pg_dump's per-run <c>\restrict</c> token lines.</summary>
    /// <summary>
    /// Every row of the database (pg_dump's per-run \restrict token left out); <paramref name="exceptThrottles"/> also leaves
    /// out the account throttle's counters, which wrong authHashes move by design.
    /// </summary>
    private static async Task<string> StableDumpAsync(bool exceptThrottles = false) =>
        string.Join('\n', (await TestDatabase.DumpAsync()).Split('\n').Where(line =>
            !line.StartsWith("\\restrict", StringComparison.Ordinal) && !line.StartsWith("\\unrestrict", StringComparison.Ordinal)
            && !(exceptThrottles && line.StartsWith("INSERT INTO auth.login_throttles", StringComparison.Ordinal))));

    private static HttpRequestMessage DeleteRequest(string authHash) =>
        new(HttpMethod.Delete, Path) { Content = JsonContent.Create(new { authHash }) };

    private static string[] BlobFiles(Guid vaultId)
    {
        var folder = System.IO.Path.Combine(TestApp.Factory.DataDirectory, "blobs", "vaults", vaultId.ToString("N"));
        return System.IO.Directory.Exists(folder) ? System.IO.Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    private static async Task<bool> RekeyRecommendedAsync(HttpClient admin, Guid vaultId) =>
        (await (await admin.GetAsync($"/api/v1/vaults/{vaultId}")).ReadJsonAsync()).GetProperty("rekeyRecommended").GetBoolean();

    private static async Task CollectGarbageAsync()
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CollectBlobGarbageCommand(1000));
    }

    private static async Task GrantAsAsync(Guid vaultId, Guid member, Guid granter)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        await using var vaultLock = await db.LockVaultAsync(vaultId, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        db.AccessRecords.Add(AccessRecord.Grant(
            vaultId, new UserId(member), Permission.Read, vaultLock!.Vault.KeyEpoch, Convert.FromBase64String(TestVaults.WrappedKey()),
            new UserId(granter), Convert.FromBase64String(TestVaults.Signature()), null, vaultLock.Vault.NextRevision(now), now));
        await vaultLock.CommitAsync(CancellationToken.None);
    }

    private static async Task DemoteAsync(Guid vaultId, Guid member)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        await using var vaultLock = await db.LockVaultAsync(vaultId, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var record = db.AccessRecords.Single(r => r.VaultId == vaultId && r.UserId == new UserId(member));
        record.ChangePermission(Permission.Write, record.GranterId, record.GranterSignature, vaultLock!.Vault.NextRevision(now), now);
        await vaultLock.CommitAsync(CancellationToken.None);
    }
}
