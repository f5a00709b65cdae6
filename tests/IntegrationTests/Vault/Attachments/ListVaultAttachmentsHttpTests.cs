using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Auth;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Infrastructure.Auth.Persistence;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Vault.Attachments.TestAttachments;

namespace PasswordManager.IntegrationTests.Vault.Attachments;

/// <summary><c>GET /api/v1/vaults/{vaultId}/attachments</c>: the set a re-key must cover, metadata only, paged.</summary>
public sealed class ListVaultAttachmentsHttpTests : TestBase
{
    [Test]
    public async Task ShouldListTheLiveAttachmentsOfLiveEntriesInIdOrderPageByPage()
    {
        var (alice, vaultId, firstEntry) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var secondEntry = Guid.NewGuid();
        var goneEntry = Guid.NewGuid();
        await TestVaults.PutEntryAsync(client, vaultId, secondEntry, TestVaults.Ciphertext());
        await TestVaults.PutEntryAsync(client, vaultId, goneEntry, TestVaults.Ciphertext());
        var kept = new[] { (firstEntry, Guid.NewGuid()), (firstEntry, Guid.NewGuid()), (secondEntry, Guid.NewGuid()) };
        foreach (var (entryId, attachmentId) in kept) await UploadAsync(client, vaultId, entryId, attachmentId, RandomBody(1024));
        var deletedAttachment = Guid.NewGuid();
        await UploadAsync(client, vaultId, secondEntry, deletedAttachment, RandomBody(1024));
        using (var deleted = await client.DeleteAsync(PathOf(vaultId, secondEntry, deletedAttachment))) Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await UploadAsync(client, vaultId, goneEntry, Guid.NewGuid(), RandomBody(1024));
        using (var deleted = await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{goneEntry}?version=1")) Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var otherVault = await TestVaults.CreateAsync(client);
        var otherEntry = Guid.NewGuid();
        await TestVaults.PutEntryAsync(client, otherVault, otherEntry, TestVaults.Ciphertext());
        await UploadAsync(client, otherVault, otherEntry, Guid.NewGuid(), RandomBody(1024));

        var listed = new List<JsonElement>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await GetJsonAsync(client, $"/api/v1/vaults/{vaultId}/attachments?limit=2" + (after is null ? "" : $"&after={after}"));
            listed.AddRange(page.GetProperty("items").EnumerateArray());
            after = Next(page)?.ToString();
            pages++;
        }
        while (after is not null && pages < 5);

        var expected = kept.Select(k => k.Item2).Order().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(2));
            Assert.That(listed.Select(a => a.GetProperty("attachmentId").GetGuid()), Is.EqualTo(expected));
            Assert.That(listed.Select(a => a.GetProperty("vaultId").GetGuid()), Is.All.EqualTo(vaultId));
            Assert.That(listed.Select(a => a.GetProperty("deleted").GetBoolean()), Is.All.False);
            Assert.That(listed.Select(a => a.GetProperty("size").GetInt64()), Is.All.EqualTo(1024), "the stored body's length, metadata only");
        });
    }

    [Test]
    public async Task ShouldAnswerMetadataOnly()
    {
        var target = await ArrangeAttachmentAsync();
        using var client = Client(FileSystem, target.Owner.AccessToken);

        var page = await GetJsonAsync(client, ListPath(target.VaultId));

        Assert.That(page.GetProperty("items")[0].EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "attachmentId", "entryId", "vaultId", "keyEpoch", "size", "deleted", "createdAt", "createdBy", "updatedAt", "revision",
        }));
    }

    [Test]
    public async Task ShouldAnswerAnEmptyListForAVaultWithoutAttachments()
    {
        var (alice, vaultId, _) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);

        var page = await GetJsonAsync(client, ListPath(vaultId));

        Assert.That(page.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(Next(page), Is.Null);
    }

    [Test]
    public async Task ShouldAnswerAnonymousCallersWithUnauthorized()
    {
        var target = await ArrangeAttachmentAsync();
        using var client = Client(FileSystem, null);

        using var response = await client.GetAsync(ListPath(target.VaultId));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task ShouldHideTheVaultFromAnotherUser()
    {
        var target = await ArrangeAttachmentAsync();
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        using var client = Client(FileSystem, mallory.AccessToken);

        using var response = await client.GetAsync(ListPath(target.VaultId));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
    }

    [Test]
    public async Task ShouldHideTheVaultFromAUserOfAnotherTenant()
    {
        var target = await ArrangeAttachmentAsync();
        var outsider = await TestAccounts.LoginAsync(await RegisterInAnotherTenantAsync("hank"));
        using var client = Client(FileSystem, outsider.AccessToken);

        using var response = await client.GetAsync(ListPath(target.VaultId));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
    }

    [Test]
    public async Task ShouldHideTheVaultFromARevokedMember()
    {
        var target = await ArrangeAttachmentAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(target.VaultId, bob.Account.UserId, Permission.Write);
        await TestVaults.RevokeDirectlyAsync(target.VaultId, bob.Account.UserId);
        using var client = Client(FileSystem, bob.AccessToken);

        using var response = await client.GetAsync(ListPath(target.VaultId));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
    }

    [Test]
    public async Task ShouldHideTheVaultFromAMemberWhoseAccessExpired()
    {
        var target = await ArrangeAttachmentAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(target.VaultId, bob.Account.UserId, Permission.Read, DateTimeOffset.UtcNow.AddMinutes(-1));
        using var client = Client(FileSystem, bob.AccessToken);

        using var response = await client.GetAsync(ListPath(target.VaultId));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
    }

    [Test]
    public async Task ShouldLetAReadMemberList()
    {
        var target = await ArrangeAttachmentAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(target.VaultId, bob.Account.UserId, Permission.Read);
        using var client = Client(FileSystem, bob.AccessToken);

        var page = await GetJsonAsync(client, ListPath(target.VaultId));

        Assert.That(page.GetProperty("items")[0].GetProperty("attachmentId").GetGuid(), Is.EqualTo(target.AttachmentId));
    }

    [Test]
    public async Task ShouldLetAnExportKeyListItsOwnersVaultOnly()
    {
        var target = await ArrangeAttachmentAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var bobSession = Client(FileSystem, bob.AccessToken);
        var bobVault = await TestVaults.CreateAsync(bobSession);
        var key = await TestApiKeys.CreateAsync(target.Owner, "export");
        using var machine = TestApiKeys.Client(key);

        var page = await GetJsonAsync(machine, ListPath(target.VaultId));
        using var others = await machine.GetAsync(ListPath(bobVault));

        Assert.That(page.GetProperty("items")[0].GetProperty("attachmentId").GetGuid(), Is.EqualTo(target.AttachmentId));
        await others.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
    }

    [Test]
    public async Task ShouldRefuseAKeyWithoutTheExportScope()
    {
        var target = await ArrangeAttachmentAsync();
        var key = await TestApiKeys.CreateAsync(target.Owner, "key-rotation", "user-management");
        using var machine = TestApiKeys.Client(key);

        using var response = await machine.GetAsync(ListPath(target.VaultId));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_scope_missing");
    }

    [TestCase("?limit=0")]
    [TestCase("?limit=-1")]
    [TestCase("?limit=1001")]
    [TestCase("?limit=99999999999")]
    [TestCase("?limit=ten")]
    [TestCase("?after=not-a-guid")]
    [TestCase("?after=%00")]
    [TestCase("?after=%01%7F")]
    public async Task ShouldRefuseBadQueriesWithProblemDetails(string query)
    {
        var target = await ArrangeAttachmentAsync();
        using var client = Client(FileSystem, target.Owner.AccessToken);
        var before = await StableDumpAsync();

        using var response = await client.GetAsync(ListPath(target.VaultId) + query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await StableDumpAsync(), Is.EqualTo(before));
    }

    [TestCase("/api/v1/vaults/not-a-guid/attachments", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/vaults/00000000-0000-0000-0000-000000000000/attachments", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/vaults/%00/attachments", HttpStatusCode.BadRequest)]
    public async Task ShouldAnswerMalformedOrUnknownVaultIdsWithAClientError(string path, HttpStatusCode expected)
    {
        var target = await ArrangeAttachmentAsync();
        using var client = Client(FileSystem, target.Owner.AccessToken);

        using var response = await client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    private sealed record Target(LoggedIn Owner, Guid VaultId, Guid EntryId, Guid AttachmentId);

    private static string ListPath(Guid vaultId) => $"/api/v1/vaults/{vaultId}/attachments";

    private static async Task<Target> ArrangeAttachmentAsync()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        await UploadAsync(client, vaultId, entryId, attachmentId, RandomBody(2048));
        return new Target(alice, vaultId, entryId, attachmentId);
    }

    private static Guid? Next(JsonElement page) =>
        page.TryGetProperty("next", out var next) && next.ValueKind != JsonValueKind.Null ? next.GetGuid() : null;

    /// <summary>The database's rows, without the random <c>\restrict</c> key pg_dump writes into every dump.</summary>
    private static async Task<string> StableDumpAsync() =>
        string.Join('\n', (await TestDatabase.DumpAsync()).Split('\n').Where(l => !l.StartsWith("\\restrict", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict", StringComparison.Ordinal)));

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

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
