using PasswordManager.EndToEndTests.Infrastructure;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>pm waits out a 429 with a short Retry-After once, saying so on stderr; a long or missing one fails at once (exit 3).</summary>
public sealed class RateLimitTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task ShortRetryAfterIsAnnouncedWaitedOutAndRetriedOnce()
    {
        // The prelogin after the wait answers weak KDF parameters, so login ends at the next step with its own exit code.
        using var fake = new FakeKdfServer(1024, 3, rateLimited: 1, retryAfter: "2");
        var pm = await ConfiguredAsync(fake);

        var run = await pm.RunAsync(["login", "-u", "victim", "--json"], "a password", stdin: null);

        Assert.That(run.ExitCode, Is.EqualTo(5), run.ToString());
        Assert.That(run.Stderr, Does.Contain("Rate limited by the server; retrying in 2 s"));
        Assert.That(fake.Requests, Is.EqualTo(new[] { "POST /api/v1/auth/prelogin", "POST /api/v1/auth/prelogin" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ASecond429EndsTheCommandWithExitThree()
    {
        using var fake = new FakeKdfServer(1024, 3, rateLimited: 2, retryAfter: "1");
        var pm = await ConfiguredAsync(fake);

        var error = await AccountLifecycleTests.ExpectError(3, "request.rate_limited", pm.RunAsync(["login", "-u", "victim", "--json"], "a password", stdin: null));

        Assert.That(error.GetProperty("message").GetString(), Does.Contain("try again in 1 s"));
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    [TestCase("31", "try again in 31 s")]
    [TestCase(null, "Wait a minute")]
    [CancelAfter(60_000)]
    public async Task LongOrMissingRetryAfterFailsAtOnce(string? retryAfter, string message)
    {
        using var fake = new FakeKdfServer(1024, 3, rateLimited: 1, retryAfter);
        var pm = await ConfiguredAsync(fake);

        var run = pm.RunAsync(["login", "-u", "victim", "--json"], "a password", stdin: null);
        var error = await AccountLifecycleTests.ExpectError(3, "request.rate_limited", run);

        Assert.That(error.GetProperty("message").GetString(), Does.Contain(message));
        Assert.That((await run).Stderr, Does.Not.Contain("retrying"));
        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    private static async Task<PmCli> ConfiguredAsync(FakeKdfServer fake)
    {
        var pm = ServerFixture.NewCli();
        await AccountLifecycleTests.Expect(0, pm.RunAsync("config", "server", fake.Address.ToString()));
        return pm;
    }
}
