using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Tenants;

public sealed class CreateInvitationHttpTests : TestBase
{
    [Test]
    public async Task ShouldLetTheTenantOwnerInviteAndShowTheCodeOnce()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        using var client = TestApp.CreateClient(owner.AccessToken);

        using var response = await client.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "admin" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var code = (await response.ReadJsonAsync()).GetProperty("code").GetString()!;
        Assert.That(await TestDatabase.DumpAsync(), Does.Not.Contain(code));
    }

    [Test]
    public async Task ShouldForbidMembers()
    {
        await TestAccounts.RegisterAsync("owner");
        var member = await TestAccounts.RegisterAndLoginAsync("member");
        using var client = TestApp.CreateClient(member.AccessToken);

        using var response = await client.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "member" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.That(await TestDatabase.CountAsync("auth.invitations"), Is.Zero);
    }

    [Test]
    public async Task ShouldNotLetAnAdminMintOwners()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        using var ownerClient = TestApp.CreateClient(owner.AccessToken);
        using var adminInvite = await ownerClient.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "admin" });
        var adminCode = (await adminInvite.ReadJsonAsync()).GetProperty("code").GetString();
        var admin = await TestAccounts.LoginAsync(await TestAccounts.RegisterAsync("admin", adminCode));
        using var adminClient = TestApp.CreateClient(admin.AccessToken);

        using var response = await adminClient.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "owner" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.invitation_not_allowed");
    }
}
