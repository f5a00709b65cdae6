using PasswordManager.EndToEndTests.Infrastructure;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>A server that answers prelogin with weak (or stalling) Argon2id parameters is refused before anything is derived or sent.</summary>
public sealed class KdfDowngradeTests
{
    [TestCase(1024, 3, "below the minimum")]
    [TestCase(65536, 1, "below the minimum")]
    [TestCase(65536, 1000, "above the maximum")]
    [CancelAfter(60_000)]
    public async Task LoginRefusesKdfParametersOutsideTheBounds(int memoryKiB, int iterations, string reason)
    {
        using var fake = new FakeKdfServer(memoryKiB, iterations);
        var pm = ServerFixture.NewCli();
        await AccountLifecycleTests.Expect(0, pm.RunAsync("config", "server", fake.Address.ToString()));

        var error = await AccountLifecycleTests.ExpectError(5, "cli.kdf_rejected", pm.RunAsync(["login", "-u", "victim", "--json"], "a password", stdin: null));

        Assert.That(error.GetProperty("message").GetString(), Does.Contain(reason));
        Assert.That(fake.Requests, Is.EqualTo(new[] { "POST /api/v1/auth/prelogin" }), "nothing but prelogin may reach the server");
    }
}
