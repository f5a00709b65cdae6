using System.Net;
using System.Net.Http.Json;
using Npgsql;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Accounts;

public sealed class PasswordHintHttpTests : TestBase
{
    private const string Path = "/api/v1/auth/account/hint";

    [Test]
    public async Task ShouldStoreTheHintAsGivenAndNeverShowItToAnAnonymousCaller()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.PutAsJsonAsync(Path, new { passwordHint = "  the blue bicycle, 2019  " });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(await HintAsync(alice), Is.EqualTo("the blue bicycle, 2019"));
        using var anonymous = TestApp.CreateClient();
        using var prelogin = await anonymous.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" });
        Assert.That(await prelogin.Content.ReadAsStringAsync(), Does.Not.Contain("bicycle"));
    }

    [Test]
    public async Task ShouldRemoveTheHint()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.DeleteAsync(Path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await HintAsync(alice), Is.Null);
    }

    [TestCase("line\nbreak", TestName = "ShouldRejectAHintWithANewline")]
    [TestCase("bell\u0007", TestName = "ShouldRejectAHintWithAControlCharacter")]
    [TestCase(null, TestName = "ShouldRejectAHintOver120Characters")]
    public async Task ShouldRejectABadHintAndKeepTheOldOne(string? hint)
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.PutAsJsonAsync(Path, new { passwordHint = hint ?? new string('h', 121) });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(await HintAsync(alice), Is.EqualTo("the usual"));
    }

    [Test]
    public async Task ShouldRefuseAnonymousCallersAndApiKeysAndLeaveOtherUsersAlone()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        var key = await TestApiKeys.CreateAsync(alice, TestApiKeys.AllScopes);
        using var anonymous = TestApp.CreateClient();
        using var apiKey = TestApiKeys.Client(key);
        using var malloryClient = TestApp.CreateClient(mallory.AccessToken);

        using var anonymousSet = await anonymous.PutAsJsonAsync(Path, new { passwordHint = "x" });
        using var anonymousClear = await anonymous.DeleteAsync(Path);
        using var apiKeySet = await apiKey.PutAsJsonAsync(Path, new { passwordHint = "x" });
        using var apiKeyClear = await apiKey.DeleteAsync(Path);
        using var mallorySet = await malloryClient.PutAsJsonAsync(Path, new { passwordHint = "mallory's" });

        await anonymousSet.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await anonymousClear.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await apiKeySet.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        await apiKeyClear.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        Assert.That(mallorySet.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await HintAsync(alice), Is.EqualTo("the usual"));
        Assert.That(await HintAsync(mallory), Is.EqualTo("mallory's"));
    }

    private static async Task<string?> HintAsync(LoggedIn user)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT password_hint FROM auth.users WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", user.Account.UserId);
        return await command.ExecuteScalarAsync() as string;
    }
}
