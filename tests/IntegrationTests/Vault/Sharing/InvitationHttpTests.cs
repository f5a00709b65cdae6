using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Auth;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;
using PasswordManager.Infrastructure.Auth.Persistence;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Sharing;

public sealed class InvitationHttpTests : TestBase
{
    private SharedVault vault = null!;

    [SetUp]
    public async Task ArrangeAsync() => vault = await SharedVault.CreateAsync(entries: 1);

    [TearDown]
    public void Dispose() => vault.Dispose();

    private string Invitations => $"/api/v1/vaults/{vault.VaultId}/invitations";

    [Test]
    public async Task ShouldInviteSomeoneWithoutAnAccountAndGrantThemOnceRegistered()
    {
        using var invite = await vault.Admin.PostAsJsonAsync(Invitations, new { invitee = " Carol@Example.test ", permission = "write" });
        var created = await invite.ReadJsonAsync();
        var invitationId = created.GetProperty("invitationId").GetGuid();
        var pending = (await GetJsonAsync(vault.Admin, Invitations)).GetProperty("items")[0];
        using var tooEarly = await vault.Admin.PostAsJsonAsync($"{Invitations}/{invitationId}/confirm", ConfirmBody());

        var carol = await TestAccounts.RegisterAndLoginAsync("carol");
        using var carolClient = TestApp.CreateClient(carol.AccessToken);
        var ready = (await GetJsonAsync(vault.Admin, Invitations)).GetProperty("items")[0];
        var mine = (await GetJsonAsync(carolClient, "/api/v1/vault-invitations")).GetProperty("items")[0];
        using var confirm = await vault.Admin.PostAsJsonAsync($"{Invitations}/{invitationId}/confirm", ConfirmBody());
        var granted = await confirm.ReadJsonAsync();

        Assert.That(invite.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        Assert.That(created.GetProperty("invitee").GetString(), Is.EqualTo("carol@example.test"));
        Assert.That(created.GetProperty("permission").GetString(), Is.EqualTo("write"));
        Assert.That(created.GetProperty("status").GetString(), Is.EqualTo("pending"));
        Assert.That(created.TryGetProperty("inviteeUserId", out var none) && none.ValueKind != JsonValueKind.Null, Is.False);
        Assert.That(pending.GetProperty("status").GetString(), Is.EqualTo("pending"));
        await tooEarly.AssertProblemAsync(HttpStatusCode.Conflict, "vault.invitation_not_ready");
        Assert.That(ready.GetProperty("status").GetString(), Is.EqualTo("ready"));
        Assert.That(ready.GetProperty("inviteeUserId").GetGuid(), Is.EqualTo(carol.Account.UserId));
        Assert.That(mine.GetProperty("vaultId").GetGuid(), Is.EqualTo(vault.VaultId));
        Assert.That(mine.GetProperty("status").GetString(), Is.EqualTo("ready"));
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.Created), granted.ToString());
        Assert.That(granted.GetProperty("userId").GetGuid(), Is.EqualTo(carol.Account.UserId));
        Assert.That(granted.GetProperty("permission").GetString(), Is.EqualTo("write"));
        Assert.That(granted.GetProperty("granterId").GetGuid(), Is.EqualTo(vault.Alice.Account.UserId));

        var accepted = (await GetJsonAsync(vault.Admin, Invitations)).GetProperty("items")[0];
        Assert.That(accepted.GetProperty("status").GetString(), Is.EqualTo("accepted"));
        Assert.That((await GetJsonAsync(carolClient, "/api/v1/vault-invitations")).GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("accepted"));
        Assert.That((await GetJsonAsync(carolClient, $"/api/v1/vaults/{vault.VaultId}")).GetProperty("access").GetProperty("permission").GetString(), Is.EqualTo("write"));
        using var again = await vault.Admin.PostAsJsonAsync($"{Invitations}/{invitationId}/confirm", ConfirmBody());
        await again.AssertProblemAsync(HttpStatusCode.NotFound, "vault.invitation_not_found");
    }

    [Test]
    public async Task ShouldSendRegisteredUsersToAGrantAndRefuseDuplicates()
    {
        var personal = await TestVaults.CreateAsync(vault.Admin, "personal");

        using var registered = await vault.Admin.PostAsJsonAsync(Invitations, new { invitee = "READER", permission = "read" });
        using var first = await vault.Admin.PostAsJsonAsync(Invitations, new { invitee = "dave@example.test", permission = "read" });
        using var twice = await vault.Admin.PostAsJsonAsync(Invitations, new { invitee = "Dave@example.test", permission = "admin" });
        using var personalInvite = await vault.Admin.PostAsJsonAsync($"/api/v1/vaults/{personal}/invitations", new { invitee = "erin", permission = "read" });
        using var empty = await vault.Admin.PostAsJsonAsync(Invitations, new { invitee = "  ", permission = "read" });
        using var past = await vault.Admin.PostAsJsonAsync(Invitations, new { invitee = "frank", permission = "read", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) });

        var problem = await registered.AssertProblemAsync(HttpStatusCode.Conflict, "vault.invitee_registered");
        Assert.That(problem.GetProperty("details").GetProperty("userId").GetGuid(), Is.EqualTo(vault.Reader.Account.UserId));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var duplicate = await twice.AssertProblemAsync(HttpStatusCode.Conflict, "vault.invitation_exists");
        Assert.That(duplicate.GetProperty("details").GetProperty("invitationId").GetGuid(), Is.EqualTo((await first.ReadJsonAsync()).GetProperty("invitationId").GetGuid()));
        await personalInvite.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.personal_not_shareable");
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        await past.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(await TestDatabase.CountAsync("sharing.vault_invitations"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldCancelAnOpenInvitation()
    {
        using var invite = await vault.Admin.PostAsJsonAsync(Invitations, new { invitee = "gina", permission = "read" });
        var invitationId = (await invite.ReadJsonAsync()).GetProperty("invitationId").GetGuid();

        using var cancel = await vault.Admin.DeleteAsync($"{Invitations}/{invitationId}");
        using var cancelAgain = await vault.Admin.DeleteAsync($"{Invitations}/{invitationId}");
        var gina = await TestAccounts.RegisterAndLoginAsync("gina");
        using var confirm = await vault.Admin.PostAsJsonAsync($"{Invitations}/{invitationId}/confirm", ConfirmBody());

        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await cancelAgain.AssertProblemAsync(HttpStatusCode.NotFound, "vault.invitation_not_found");
        await confirm.AssertProblemAsync(HttpStatusCode.NotFound, "vault.invitation_not_found");
        Assert.That((await GetJsonAsync(vault.Admin, Invitations)).GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That((await GetJsonAsync(TestApp.CreateClient(gina.AccessToken), "/api/v1/vault-invitations")).GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task ShouldShowInvitationsOnlyToTheInviteeInTheSameTenant()
    {
        using (var invite = await vault.Admin.PostAsJsonAsync(Invitations, new { invitee = "hank", permission = "read" }))
            Assert.That(invite.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var outsider = await RegisterInAnotherTenantAsync("hank");
        var outsiderLogin = await TestAccounts.LoginAsync(outsider);

        var theirs = await GetJsonAsync(TestApp.CreateClient(outsiderLogin.AccessToken), "/api/v1/vault-invitations");
        var readers = await GetJsonAsync(vault.ReaderClient, "/api/v1/vault-invitations");
        var listed = (await GetJsonAsync(vault.Admin, Invitations)).GetProperty("items")[0];
        using var anonymous = await TestApp.CreateClient().GetAsync("/api/v1/vault-invitations");

        Assert.That(theirs.GetProperty("items").GetArrayLength(), Is.Zero, "the same name in another tenant is another person");
        Assert.That(readers.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(listed.GetProperty("status").GetString(), Is.EqualTo("pending"), "a user of another tenant does not make it ready");
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task ShouldLetOnlyAdminsManageInvitations()
    {
        using var invite = await vault.Admin.PostAsJsonAsync(Invitations, new { invitee = "ivan", permission = "read" });
        var invitationId = (await invite.ReadJsonAsync()).GetProperty("invitationId").GetGuid();
        await TestAccounts.RegisterAsync("ivan");

        foreach (var (who, client, status, code) in await vault.OutsidersAsync())
        {
            foreach (var (method, path, body) in Requests(invitationId))
            {
                using var response = await SendAsync(client, method, path, body);
                Assert.That(response.StatusCode, Is.EqualTo(status), $"{who}: {method} {path}");
                await response.AssertProblemAsync(status, code);
            }
        }

        foreach (var (who, client) in vault.NonAdmins())
        {
            foreach (var (method, path, body) in Requests(invitationId))
            {
                using var response = await SendAsync(client, method, path, body);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{who}: {method} {path}");
                await response.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.admin_forbidden");
            }
        }

        Assert.That(await TestDatabase.CountAsync("sharing.vault_invitations WHERE status = 'Pending'"), Is.EqualTo(1), "nothing changed");
        Assert.That(await TestDatabase.CountAsync("vault.access_records WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())"), Is.EqualTo(3));
    }

    private IEnumerable<(HttpMethod Method, string Path, HttpContent? Body)> Requests(Guid invitationId)
    {
        yield return (HttpMethod.Post, Invitations, JsonContent.Create(new { invitee = "judy", permission = "read" }));
        yield return (HttpMethod.Get, Invitations, null);
        yield return (HttpMethod.Post, $"{Invitations}/{invitationId}/confirm", JsonContent.Create(ConfirmBody()));
        yield return (HttpMethod.Delete, $"{Invitations}/{invitationId}", null);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        return await client.SendAsync(request);
    }

    private static object ConfirmBody() => new { keyEpoch = 1, wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature() };

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
