using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Accounts;

public sealed class PreloginHttpTests : TestBase
{
    [Test]
    public async Task ShouldReturnTheRegisteredKdfAndSaltCaseInsensitively()
    {
        var account = await TestAccounts.RegisterAsync("alice");

        var answer = await PreloginAsync("ALICE");

        Assert.That(answer.GetProperty("kdfSalt").GetString(), Is.EqualTo(account.RegisterBody["kdfSalt"]!.GetValue<string>()));
        Assert.That(answer.GetProperty("kdf").GetProperty("memoryKiB").GetInt32(), Is.EqualTo(65536));
    }

    [Test]
    public async Task ShouldAnswerUnknownUsersWithTheSameShapeAndAStableSalt()
    {
        await TestAccounts.RegisterAsync("alice");

        var known = await PreloginAsync("alice");
        var unknown = await PreloginAsync("nobody");
        var unknownAgain = await PreloginAsync("Nobody");
        var otherUnknown = await PreloginAsync("someone-else");

        Assert.That(PropertyNames(unknown), Is.EqualTo(PropertyNames(known)));
        Assert.That(PropertyNames(unknown.GetProperty("kdf")), Is.EqualTo(PropertyNames(known.GetProperty("kdf"))));
        Assert.That(Convert.FromBase64String(unknown.GetProperty("kdfSalt").GetString()!), Has.Length.EqualTo(16));
        Assert.That(unknownAgain.GetProperty("kdfSalt").GetString(), Is.EqualTo(unknown.GetProperty("kdfSalt").GetString()));
        Assert.That(otherUnknown.GetProperty("kdfSalt").GetString(), Is.Not.EqualTo(unknown.GetProperty("kdfSalt").GetString()));
    }

    private static string[] PropertyNames(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static async Task<JsonElement> PreloginAsync(string username)
    {
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/prelogin", new { username });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.ReadJsonAsync();
    }
}
