using System.Text.Json;
using PasswordManager.EndToEndTests.Infrastructure;

namespace PasswordManager.EndToEndTests.Cli;

public sealed class AccountLifecycleTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task RegisterLoginWhoamiSessionsLogout()
    {
        var pm = ServerFixture.NewCli();
        var username = TestUsers.NewUsername("life");
        var (password, _) = TestUsers.NewPassword();

        await Expect(0, pm.RunAsync("config", "server", ServerFixture.Server.Address.ToString(), "--json"));
        var registered = await Expect(0, pm.RunAsync(["register", "--username", username, "--email", $"{username}@example.test", "--json"], password, stdin: null));
        var userId = registered.GetProperty("userId").GetGuid();

        var login = await Expect(0, pm.RunAsync(["login", "--username", username, "--password-stdin", "--json"], password: null, stdin: password));
        Assert.That(login.GetProperty("userId").GetGuid(), Is.EqualTo(userId));
        Assert.That(login.GetProperty("fingerprint").GetString(), Is.EqualTo(registered.GetProperty("fingerprint").GetString()));
        var sessionId = login.GetProperty("sessionId").GetGuid();

        var whoami = await Expect(0, pm.RunAsync("whoami", "--json"));
        Assert.That(whoami.GetProperty("username").GetString(), Is.EqualTo(username));
        Assert.That(whoami.GetProperty("sessionId").GetGuid(), Is.EqualTo(sessionId));

        var fingerprint = await Expect(0, pm.RunAsync("fingerprint", "--json"));
        Assert.That(fingerprint.GetProperty("fingerprint").GetString(), Is.EqualTo(login.GetProperty("fingerprint").GetString()));

        var otherDevice = ServerFixture.NewCli();
        await Expect(0, otherDevice.RunAsync("config", "server", ServerFixture.Server.Address.ToString()));
        await Expect(0, otherDevice.RunAsync(["login", "-u", username, "--json"], password, stdin: null));

        var sessions = await Expect(0, pm.RunAsync("sessions", "--json"));
        var items = sessions.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items.Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid(), Is.EqualTo(sessionId));

        var revoked = await Expect(0, pm.RunAsync("sessions", "revoke-others", "--json"));
        Assert.That(revoked.GetProperty("revoked").GetInt32(), Is.EqualTo(1));
        await ExpectError(2, "auth.", otherDevice.RunAsync("whoami", "--json"));

        await Expect(0, pm.RunAsync("logout", "--json"));
        Assert.That(File.Exists(Path.Combine(pm.ConfigDirectory, "session.json")), Is.False);
        var afterLogout = await pm.RunAsync("whoami");
        Assert.That(afterLogout.ExitCode, Is.EqualTo(2), afterLogout.ToString());
        Assert.That(afterLogout.Stderr, Does.Contain("Not logged in. Run: pm login"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task WrongPasswordIsAnAuthFailure()
    {
        var pm = ServerFixture.NewCli();
        var username = TestUsers.NewUsername("wrong");
        await Expect(0, pm.RunAsync("config", "server", ServerFixture.Server.Address.ToString()));
        await Expect(0, pm.RunAsync(["register", "-u", username], TestUsers.NewPassword().Password, stdin: null));

        await ExpectError(2, "auth.invalid_credentials", pm.RunAsync(["login", "-u", username, "--json"], "not the password", stdin: null));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ProblemsAreReportedWithTheirCodes()
    {
        var pm = ServerFixture.NewCli();
        await ExpectError(1, "cli.usage", pm.RunAsync("whoami", "--json"));
        await Expect(0, pm.RunAsync("config", "server", ServerFixture.Server.Address.ToString()));
        await ExpectError(2, "cli.not_logged_in", pm.RunAsync("sessions", "--json"));

        var invalid = await ExpectError(1, "request.validation_failed", pm.RunAsync(["register", "-u", "x", "--json"], TestUsers.NewPassword().Password, stdin: null));
        Assert.That(invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Member("username"));

        await ExpectError(2, "cli.not_logged_in", pm.RunAsync("fingerprint", "someone", "--json"));
        await ExpectError(1, "cli.usage", pm.RunAsync(["login", "-u", "nobody"], password: null, stdin: null));
    }

    internal static async Task<JsonElement> Expect(int exitCode, Task<ProcessResult> run)
    {
        var result = await run;
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        return string.IsNullOrWhiteSpace(result.Stdout) || !result.Stdout.TrimStart().StartsWith('{')
            ? default
            : JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    internal static async Task<JsonElement> ExpectError(int exitCode, string codePrefix, Task<ProcessResult> run)
    {
        var result = await run;
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        if (!result.Stdout.TrimStart().StartsWith('{')) return default;
        var error = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("error").Clone();
        Assert.That(error.GetProperty("code").GetString(), Does.StartWith(codePrefix), result.ToString());
        return error;
    }
}
