using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Auth;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;
using PasswordManager.Infrastructure.Auth.Persistence;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Directory;

public sealed class GetPublicKeyBundleByIdHttpTests : TestBase
{
    [Test]
    public async Task ShouldPublishBundlesByIdWithinTheTenantOnly()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var outsider = await RegisterInAnotherTenantAsync("carol");
        using var client = TestApp.CreateClient(bob.AccessToken);

        using var found = await client.GetAsync($"/api/v1/directory/user-ids/{alice.Account.UserId}/public-key");
        using var unknown = await client.GetAsync($"/api/v1/directory/user-ids/{Guid.NewGuid()}/public-key");
        using var otherTenant = await client.GetAsync($"/api/v1/directory/user-ids/{outsider.UserId}/public-key");
        using var anonymous = await TestApp.CreateClient().GetAsync($"/api/v1/directory/user-ids/{alice.Account.UserId}/public-key");

        var bundle = await found.ReadJsonAsync();
        Assert.That(bundle.GetProperty("userId").GetGuid(), Is.EqualTo(alice.Account.UserId));
        Assert.That(bundle.GetProperty("username").GetString(), Is.EqualTo("alice"));
        Assert.That(bundle.GetProperty("publicKeyBundle").GetString(), Is.EqualTo(alice.Account.RegisterBody["publicKeyBundle"]!.GetValue<string>()));
        var unknownProblem = await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "auth.user_not_found");
        var otherProblem = await otherTenant.AssertProblemAsync(HttpStatusCode.NotFound, "auth.user_not_found");
        Assert.That(otherProblem.GetProperty("title").GetString(), Is.EqualTo(unknownProblem.GetProperty("title").GetString()));
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
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
