using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Infrastructure.Auth.Revocation;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Auth.Revocation.RevocationProbe;

namespace PasswordManager.IntegrationTests.Auth.Revocation;

/// <summary>
/// Revocation across server processes and across a lost listener connection: two hosts on one database, and the
/// listener's backend killed with <c>pg_terminate_backend</c>.
/// </summary>
public sealed class RevocationListenerTests : TestBase
{
    [Test]
    public async Task ShouldSeeARevocationMadeInAnotherInstanceWithinOneSecond()
    {
        await using var other = new ApiFactory();
        await TestApp.Factory.ListeningAsync();
        await other.ListeningAsync();
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var phone = await TestAccounts.LoginAsync(account);
        using var laptopHere = TestApp.CreateClient(laptop.AccessToken);
        using var laptopThere = other.WithToken(laptop.AccessToken);
        using var phoneHere = TestApp.CreateClient(phone.AccessToken);
        using var phoneThere = other.WithToken(phone.AccessToken);
        await AssertAcceptedAsync(laptopHere);
        await AssertAcceptedAsync(laptopThere);
        await AssertAcceptedAsync(phoneHere);

        using (var logout = await laptopThere.PostAsync("/api/v1/auth/logout", null))
        {
            var since = Stopwatch.StartNew();
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            await AssertRefusedAsync(laptopHere, since);
        }

        using (var logout = await phoneHere.PostAsync("/api/v1/auth/logout", null))
        {
            var since = Stopwatch.StartNew();
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            await AssertRefusedAsync(phoneThere, since);
        }

        Assert.That(TestApp.Factory.Services.GetRequiredService<RevokedSessions>().IsCurrent, Is.True,
            "the set was current all along, so the refusals came from the notifications, not from a database lookup");
    }

    [Test]
    public async Task ShouldEnforceARevocationMadeWhileTheListenerWasDisconnectedOnceItReconnects()
    {
        var reconnectDelay = TimeSpan.FromSeconds(1.5);
        await using var host = new ApiFactory(new Dictionary<string, string?>
        {
            ["Auth:Revocation:ReconnectDelay"] = reconnectDelay.ToString(),
            ["Auth:Revocation:MaxReconnectDelay"] = reconnectDelay.ToString(),
            // Trust the set throughout the gap, so only the reload on reconnect can catch the revocation.
            ["Auth:Revocation:MaxStaleness"] = "00:01:00",
        });
        var login = await LoginAsync(host);
        using var client = host.WithToken(login.AccessToken);
        await AssertAcceptedAsync(client);
        var listener = host.Listener();
        var before = await host.ListeningAsync();

        await TerminateBackendAsync(before);
        await WaitUntilAsync(() => listener.BackendProcessId == 0, "the listener did not notice its connection was killed");
        using var logout = await client.PostAsync("/api/v1/auth/logout", null);
        var since = Stopwatch.StartNew();
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(listener.BackendProcessId, Is.Zero, "the revocation must fall into the gap");

        await AssertRefusedAsync(client, since, reconnectDelay + Deadline);
        Assert.That(listener.BackendProcessId, Is.Not.Zero.And.Not.EqualTo(before));
    }

    [Test]
    public async Task ShouldAskTheDatabaseWhileTheListenerStaysDisconnectedLongerThanTheStalenessBound()
    {
        await using var host = new ApiFactory(new Dictionary<string, string?>
        {
            ["Auth:Revocation:ReconnectDelay"] = "00:01:00",
            ["Auth:Revocation:MaxStaleness"] = "00:00:00.500",
        });
        var login = await LoginAsync(host);
        using var client = host.WithToken(login.AccessToken);
        await AssertAcceptedAsync(client);
        var listener = host.Listener();

        await TerminateBackendAsync(await host.ListeningAsync());
        await WaitUntilAsync(() => listener.BackendProcessId == 0, "the listener did not notice its connection was killed");
        using var logout = await client.PostAsync("/api/v1/auth/logout", null);
        var since = Stopwatch.StartNew();
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await AssertRefusedAsync(client, since);
        Assert.That(listener.BackendProcessId, Is.Zero, "still disconnected: the refusal came from the database");
    }

    private static async Task<LoggedIn> LoginAsync(ApiFactory host)
    {
        using var anonymous = host.CreateClient();
        var account = TestAccount.Create("alice");
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody)).Dispose();
        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account));
        var body = await response.ReadJsonAsync();
        return new LoggedIn(account, body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!,
            body.GetProperty("sessionId").GetGuid(), body);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(5)) Assert.Fail(failure);
            await Task.Delay(5);
        }
    }
}
