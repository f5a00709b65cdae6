using System.Net;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tests.Support;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Tests.Tokens;

public sealed class TokenRefreshTests
{
    private const string accountRoute = "GET /api/v1/auth/account";
    private const string refreshRoute = "POST /api/v1/auth/refresh";
    private static readonly Guid sessionId = Guid.NewGuid();

    [Test]
    public async Task ConcurrentCallsWithAnExpiredTokenShareOneRefresh()
    {
        using var server = new StubServer();
        var store = new InMemoryTokenStore();
        await store.SaveAsync(new SessionTokens(sessionId, "refresh-1", "expired", DateTimeOffset.UtcNow.AddSeconds(-1)), default);
        server.On(refreshRoute, async _ =>
        {
            await Task.Delay(100);
            return StubServer.Json(HttpStatusCode.OK, Refreshed("access-2", "refresh-2"));
        });
        server.OnJson(accountRoute, AccountBody());
        using var client = server.CreateClient(store);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.Auth.GetAccountAsync()));

        Assert.That(server.Count(refreshRoute), Is.EqualTo(1));
        Assert.That(server.Requests.Where(r => r.Route == accountRoute).Select(r => r.Bearer), Is.All.EqualTo("access-2"));
        Assert.That((await store.LoadAsync(default))!.RefreshToken, Is.EqualTo("refresh-2"));
    }

    [Test]
    public async Task TokenCloseToExpiryIsRefreshedBeforeUse()
    {
        using var server = new StubServer();
        var store = new InMemoryTokenStore();
        await store.SaveAsync(new SessionTokens(sessionId, "refresh-1", "access-1", DateTimeOffset.UtcNow.AddSeconds(10)), default);
        server.OnJson(refreshRoute, Refreshed("access-2", "refresh-2"));
        server.OnJson(accountRoute, AccountBody());
        using var client = server.CreateClient(store);

        await client.Auth.GetAccountAsync();

        Assert.That(server.Requests.Select(r => r.Route), Is.EqualTo(new[] { refreshRoute, accountRoute }));
    }

    [Test]
    public async Task UnauthorizedAnswerRefreshesOnceAndRetries()
    {
        using var server = new StubServer();
        var store = new InMemoryTokenStore();
        await store.SaveAsync(new SessionTokens(sessionId, "refresh-1", "revoked-early", DateTimeOffset.UtcNow.AddMinutes(5)), default);
        server.OnJson(refreshRoute, Refreshed("access-2", "refresh-2"));
        server.On(accountRoute, request => Task.FromResult(request.Headers.Authorization!.Parameter == "access-2"
            ? StubServer.Json(HttpStatusCode.OK, AccountBody())
            : StubServer.Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated", "Unauthorized")));
        using var client = server.CreateClient(store);

        var account = await client.Auth.GetAccountAsync();

        Assert.That(account.Username, Is.EqualTo("alice"));
        Assert.That(server.Count(refreshRoute), Is.EqualTo(1));
        Assert.That(server.Count(accountRoute), Is.EqualTo(2));
    }

    [Test]
    public async Task RevokedSessionIsForgottenWithoutARefresh()
    {
        using var server = new StubServer();
        var store = new InMemoryTokenStore();
        await store.SaveAsync(new SessionTokens(sessionId, "refresh-1", "access-1", DateTimeOffset.UtcNow.AddMinutes(5)), default);
        server.OnJson(refreshRoute, Refreshed("access-2", "refresh-2"));
        server.On(accountRoute, _ => Task.FromResult(StubServer.Problem(HttpStatusCode.Unauthorized, "auth.session_revoked", "Unauthorized")));
        using var client = server.CreateClient(store);

        var problem = Assert.ThrowsAsync<PmApiException>(() => client.Auth.GetAccountAsync());

        Assert.That(problem!.Code, Is.EqualTo("auth.session_revoked"));
        Assert.That(server.Count(refreshRoute), Is.Zero);
        Assert.That(await store.LoadAsync(default), Is.Null);
    }

    [Test]
    public async Task SecondUnauthorizedAnswerIsNotRetriedAgain()
    {
        using var server = new StubServer();
        var store = new InMemoryTokenStore();
        await store.SaveAsync(new SessionTokens(sessionId, "refresh-1", "access-1", DateTimeOffset.UtcNow.AddMinutes(5)), default);
        server.OnJson(refreshRoute, Refreshed("access-2", "refresh-2"));
        server.On(accountRoute, _ => Task.FromResult(StubServer.Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated", "Unauthorized")));
        using var client = server.CreateClient(store);

        var problem = Assert.ThrowsAsync<PmApiException>(() => client.Auth.GetAccountAsync());

        Assert.That(problem!.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(server.Count(accountRoute), Is.EqualTo(2));
    }

    [Test]
    public async Task RejectedRefreshForgetsTheSession()
    {
        using var server = new StubServer();
        var store = new InMemoryTokenStore();
        await store.SaveAsync(new SessionTokens(sessionId, "stolen", AccessToken: null), default);
        server.On(refreshRoute, _ => Task.FromResult(StubServer.Problem(HttpStatusCode.Unauthorized, "auth.refresh_token_reused", "The refresh token was already used.")));
        using var client = server.CreateClient(store);

        var problem = Assert.ThrowsAsync<PmApiException>(() => client.Auth.ListSessionsAsync());

        Assert.That(problem!.Code, Is.EqualTo("auth.refresh_token_reused"));
        Assert.That(await store.LoadAsync(default), Is.Null);
        Assert.ThrowsAsync<NotLoggedInException>(() => client.Auth.ListSessionsAsync());
    }

    [Test]
    public void CallWithoutSessionIsNotLoggedIn()
    {
        using var server = new StubServer();
        using var client = server.CreateClient(new InMemoryTokenStore());

        Assert.ThrowsAsync<NotLoggedInException>(() => client.Auth.GetAccountAsync());
        Assert.That(server.Requests, Is.Empty);
    }

    private static RefreshResponse Refreshed(string access, string refresh) => new(access, DateTimeOffset.UtcNow.AddMinutes(5), refresh, sessionId);

    private static CurrentAccount AccountBody() =>
        new(Guid.NewGuid(), "alice", null, Guid.NewGuid(), TenantRole.Owner, false, sessionId, new byte[145], DateTimeOffset.UtcNow);
}
