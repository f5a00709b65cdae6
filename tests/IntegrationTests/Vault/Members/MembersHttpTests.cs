using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Auth;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;
using PasswordManager.Infrastructure.Auth.Persistence;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Members;

public sealed class MembersHttpTests : TestBase
{
    private LoggedIn alice = null!;
    private LoggedIn bob = null!;
    private HttpClient admin = null!;
    private HttpClient member = null!;
    private Guid vaultId;
    private List<Guid> entries = null!;

    [SetUp]
    public async Task ArrangeSharedVaultAsync()
    {
        alice = await TestAccounts.RegisterAndLoginAsync("alice");
        bob = await TestAccounts.RegisterAndLoginAsync("bob");
        admin = TestApp.CreateClient(alice.AccessToken);
        member = TestApp.CreateClient(bob.AccessToken);
        vaultId = await TestVaults.CreateAsync(admin);
        entries = [];
        for (var i = 0; i < 3; i++)
        {
            var id = Guid.NewGuid();
            entries.Add(id);
            await TestVaults.PutEntryAsync(admin, vaultId, id, TestVaults.Ciphertext(i == 2 ? 20_000 : 200));
        }

        await TestVaults.PutEntryAsync(admin, vaultId, entries[0], TestVaults.Ciphertext(), replaces: 1);
    }

    [TearDown]
    public void DisposeClients()
    {
        admin.Dispose();
        member.Dispose();
    }

    [Test]
    public async Task ShouldPublishBundlesWithinTheTenantOnly()
    {
        var outsider = await RegisterInAnotherTenantAsync("carol");

        using var found = await member.GetAsync("/api/v1/directory/users/ALICE/public-key");
        using var unknown = await member.GetAsync("/api/v1/directory/users/nobody/public-key");
        using var otherTenant = await member.GetAsync($"/api/v1/directory/users/{outsider.Username}/public-key");

        var bundle = await found.ReadJsonAsync();
        Assert.That(bundle.GetProperty("userId").GetGuid(), Is.EqualTo(alice.Account.UserId));
        Assert.That(bundle.GetProperty("publicKeyBundle").GetString(), Is.EqualTo(alice.Account.RegisterBody["publicKeyBundle"]!.GetValue<string>()));
        var unknownProblem = await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "auth.user_not_found");
        var otherProblem = await otherTenant.AssertProblemAsync(HttpStatusCode.NotFound, "auth.user_not_found");
        Assert.That(otherProblem.GetProperty("title").GetString(), Is.EqualTo(unknownProblem.GetProperty("title").GetString()));
    }

    [Test]
    public async Task ShouldLetAnAdminShareAndTheMemberReadButNotWrite()
    {
        using var grant = await GrantAsync(bob.Account.UserId, "read");
        var sync = await (await member.GetAsync("/api/v1/sync")).ReadJsonAsync();
        using var write = await member.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{entries[1]}",
            new { replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });

        Assert.That(grant.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var access = sync.GetProperty("vaults")[0].GetProperty("access");
        Assert.That(access.GetProperty("permission").GetString(), Is.EqualTo("read"));
        Assert.That(access.GetProperty("granterId").GetGuid(), Is.EqualTo(alice.Account.UserId));
        Assert.That(sync.GetProperty("entries").GetArrayLength(), Is.EqualTo(3));
        await write.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.write_forbidden");
    }

    [Test]
    public async Task ShouldLetOnlyAdminsGrant()
    {
        (await GrantAsync(bob.Account.UserId, "write")).Dispose();
        var carol = await TestAccounts.RegisterAndLoginAsync("carol");
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        var body = GrantBody(carol.Account.UserId, "admin");

        using var byWriter = await member.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", body);
        using var byStranger = await TestApp.CreateClient(mallory.AccessToken).PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", body);
        using var anonymous = await TestApp.CreateClient().PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", body);

        await byWriter.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.admin_forbidden");
        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.That(await TestDatabase.CountAsync("vault.access_records"), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldRefuseGrantsThatCannotBeRight()
    {
        var outsider = await RegisterInAnotherTenantAsync("carol");
        var personal = await TestVaults.CreateAsync(admin, "personal");
        (await GrantAsync(bob.Account.UserId, "read")).Dispose();

        using var twice = await GrantAsync(bob.Account.UserId, "write");
        using var otherTenant = await GrantAsync(outsider.UserId, "read");
        var carol = await TestAccounts.RegisterAsync("carol2");
        using var staleEpoch = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", GrantBody(carol.UserId, "read", keyEpoch: 2));
        using var personalShare = await admin.PostAsJsonAsync($"/api/v1/vaults/{personal}/members", GrantBody(bob.Account.UserId, "read"));
        using var malformed = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members",
            new { userId = Guid.NewGuid(), permission = "read", keyEpoch = 1, wrappedKey = "AAAA", granterSignature = TestVaults.Signature() });

        await twice.AssertProblemAsync(HttpStatusCode.Conflict, "vault.already_member");
        await otherTenant.AssertProblemAsync(HttpStatusCode.NotFound, "vault.recipient_not_found");
        await staleEpoch.AssertProblemAsync(HttpStatusCode.Conflict, "vault.stale_key_epoch");
        await personalShare.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.personal_not_shareable");
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    [Test]
    public async Task ShouldProtectTheLastAdmin()
    {
        (await GrantAsync(bob.Account.UserId, "write")).Dispose();

        using var demoteSelf = await admin.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/members/{alice.Account.UserId}",
            new { permission = "write", granterSignature = TestVaults.Signature() });
        using var leave = await admin.DeleteAsync($"/api/v1/vaults/{vaultId}/members/me");
        using var promote = await admin.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/members/{bob.Account.UserId}",
            new { permission = "admin", granterSignature = TestVaults.Signature() });
        using var ownerLeaves = await admin.DeleteAsync($"/api/v1/vaults/{vaultId}/members/me");
        using var transfer = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/owner", new { userId = bob.Account.UserId });
        using var leaveNow = await admin.DeleteAsync($"/api/v1/vaults/{vaultId}/members/me");

        await demoteSelf.AssertProblemAsync(HttpStatusCode.Conflict, "vault.sole_admin");
        await leave.AssertProblemAsync(HttpStatusCode.Conflict, "vault.sole_admin");
        Assert.That(promote.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ownerLeaves.AssertProblemAsync(HttpStatusCode.Conflict, "vault.owner_protected");
        Assert.That(transfer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(leaveNow.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var gone = await admin.GetAsync($"/api/v1/vaults/{vaultId}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
    }

    [Test]
    public async Task ShouldRevokeByReKeyingEverythingAtOnce()
    {
        (await GrantAsync(bob.Account.UserId, "read")).Dispose();
        var bobCursor = (await (await member.GetAsync("/api/v1/sync")).ReadJsonAsync()).GetProperty("cursor").GetString();

        using var rekey = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey", await RekeyBodyAsync(revoke: bob.Account.UserId));

        var result = await rekey.ReadJsonAsync();
        Assert.That(rekey.StatusCode, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That(result.GetProperty("keyEpoch").GetInt64(), Is.EqualTo(2));
        using var bobRead = await member.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entries[0]}");
        await bobRead.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        var bobSync = await (await member.GetAsync($"/api/v1/sync?cursor={Uri.EscapeDataString(bobCursor!)}")).ReadJsonAsync();
        Assert.That(bobSync.GetProperty("lostAccess").EnumerateArray().Select(v => v.GetGuid()), Is.EqualTo(new[] { vaultId }));
        using var oldEpochWrite = await admin.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}",
            new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });
        await oldEpochWrite.AssertProblemAsync(HttpStatusCode.Conflict, "vault.stale_key_epoch");
        var current = await (await admin.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entries[0]}")).ReadJsonAsync();
        Assert.That(current.GetProperty("entry").GetProperty("keyEpoch").GetInt64(), Is.EqualTo(2));
        Assert.That(current.GetProperty("entry").GetProperty("version").GetInt64(), Is.EqualTo(3));
        Assert.That(await TestDatabase.CountAsync("vault.entry_versions"), Is.Zero, "old-epoch history is dropped");
        Assert.That(Directory.EnumerateFiles(Path.Combine(TestApp.Factory.DataDirectory, "blobs"), "*", SearchOption.AllDirectories)
            .Count(f => f.Contains(vaultId.ToString("N"), StringComparison.Ordinal)), Is.EqualTo(3),
            "one blob per re-encrypted (20 KB) entry; the old epoch's blob is deleted");
    }

    [Test]
    public async Task ShouldRefuseAReKeyThatMissesAnEntryOrAMemberOrRacesAWrite()
    {
        (await GrantAsync(bob.Account.UserId, "write")).Dispose();
        var complete = await RekeyBodyAsync(revoke: null);

        using var missingEntry = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey", complete with { Entries = complete.Entries.Skip(1).ToList() });
        using var missingMember = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey", complete with { Members = complete.Members.Take(1).ToList() });
        var racedEntry = complete.Entries.First(e => e.ReplacesVersion == 1).EntryId;
        await TestVaults.PutEntryAsync(member, vaultId, racedEntry, TestVaults.Ciphertext(), replaces: 1);
        using var raced = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey", complete);

        var entryProblem = await missingEntry.AssertProblemAsync(HttpStatusCode.Conflict, "vault.rekey_mismatch");
        Assert.That(entryProblem.GetProperty("details").GetProperty("missingEntries")[0].GetGuid(), Is.EqualTo(complete.Entries[0].EntryId));
        var memberProblem = await missingMember.AssertProblemAsync(HttpStatusCode.Conflict, "vault.rekey_mismatch");
        Assert.That(memberProblem.GetProperty("details").GetProperty("missingMembers").GetArrayLength(), Is.EqualTo(1));
        var raceProblem = await raced.AssertProblemAsync(HttpStatusCode.Conflict, "vault.rekey_mismatch");
        Assert.That(raceProblem.GetProperty("details").GetProperty("staleEntries")[0].GetProperty("entryId").GetGuid(), Is.EqualTo(racedEntry));
        var vault = await (await admin.GetAsync($"/api/v1/vaults/{vaultId}")).ReadJsonAsync();
        Assert.That(vault.GetProperty("keyEpoch").GetInt64(), Is.EqualTo(1), "nothing was applied");
        Assert.That(await TestDatabase.CountAsync("vault.entry_versions"), Is.EqualTo(2));
    }

    private sealed record RekeyEntry(Guid EntryId, long ReplacesVersion, string Ciphertext);

    private sealed record RekeyBody(long FromKeyEpoch, Guid[] Revoke, List<RekeyEntry> Entries, List<object> Members);

    private async Task<RekeyBody> RekeyBodyAsync(Guid? revoke)
    {
        var listed = await (await admin.GetAsync($"/api/v1/vaults/{vaultId}/entries")).ReadJsonAsync();
        var rekeyed = listed.GetProperty("items").EnumerateArray()
            .Select(e => new RekeyEntry(e.GetProperty("entryId").GetGuid(), e.GetProperty("version").GetInt64(), TestVaults.Ciphertext(20_000)))
            .ToList();
        var members = (await (await admin.GetAsync($"/api/v1/vaults/{vaultId}/members")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(m => m.GetProperty("userId").GetGuid()).Where(id => id != revoke)
            .Select(id => (object)new { userId = id, wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature() })
            .ToList();
        return new RekeyBody(1, revoke is { } id ? [id] : [], rekeyed, members);
    }

    private Task<HttpResponseMessage> GrantAsync(Guid userId, string permission) =>
        admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", GrantBody(userId, permission));

    private static object GrantBody(Guid userId, string permission, long keyEpoch = 1) => new
    {
        userId,
        permission,
        keyEpoch,
        wrappedKey = TestVaults.WrappedKey(),
        granterSignature = TestVaults.Signature(),
    };

    private static async Task<TestAccount> RegisterInAnotherTenantAsync(string username)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var tenant = new TenantId(Guid.NewGuid());
        var code = OpaqueToken.Generate();
        db.Tenants.Add(Tenant.Create(tenant, "Other", DateTimeOffset.UtcNow));
        db.Invitations.Add(Invitation.Create(tenant, OpaqueToken.Hash(code), TenantRole.Member, new UserId(Guid.NewGuid()), DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
        await db.SaveChangesAsync();
        return await TestAccounts.RegisterAsync(username, code);
    }
}
