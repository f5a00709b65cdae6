using System.Buffers.Text;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>pm unlock → pm read / pm run with PM_SESSION (no master password) → pm lock, and sessions that must not open.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class UnlockCliTests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task UnlockThenReadAndRunWithoutThePasswordThenLock()
    {
        var (pm, password) = await NewAccountAsync("unlock");
        await Expect(0, pm.RunAsync(["add", "--name", "Database", "--username", "app", "--notes", "primary", "--entry-password-stdin", "--json"], password, "db-pass-1\n"));
        await Expect(0, pm.RunAsync(["vault", "create", "Ops Team", "--json"], password, null));
        await Expect(0, pm.RunAsync(["add", "--vault", "Ops Team", "--name", "Web/API", "--url", "https://api.example.test", "--no-password", "--json"], password, null));

        var printed = await pm.RunAsync(["unlock"], password, null);
        Assert.That(printed.ExitCode, Is.Zero, printed.ToString());
        Assert.That(printed.Stdout, Does.Match("^export PM_SESSION=\"[A-Za-z0-9_-]{43}\"\n$"));

        var unlocked = await pm.RunAsync(["unlock", "--raw"], password, null);
        Assert.That(unlocked.ExitCode, Is.Zero, unlocked.ToString());
        var session = unlocked.Stdout;
        Assert.That(session, Does.Match("^[A-Za-z0-9_-]{43}$"), "--raw prints the value alone, without a newline when piped");
        var env = new Dictionary<string, string> { ["PM_SESSION"] = session };
        var unlockFile = Path.Combine(pm.ConfigDirectory, "unlock.bin");
        Assert.That(File.GetUnixFileMode(unlockFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        AssertSessionKeyNotOnDisk(pm, session);

        // No PM_PASSWORD, no stdin, no terminal: only PM_SESSION can unlock these.
        var read = await pm.RunAsync(["read", "pm://Personal/Database/password"], null, null, env);
        Assert.That(read.ExitCode, Is.Zero, read.ToString());
        Assert.That(read.Stdout, Is.EqualTo("db-pass-1\n"));
        var bare = await pm.RunAsync(["read", "pm://personal/database/username", "--no-newline"], null, null, env);
        Assert.That(bare.Stdout, Is.EqualTo("app"), bare.ToString());
        Assert.That((await pm.RunAsync(["read", "pm://Personal/Database/notes"], null, null, env)).Stdout, Is.EqualTo("primary\n"));
        Assert.That((await pm.RunAsync(["read", "pm://Ops%20Team/Web%2FAPI/url"], null, null, env)).Stdout, Is.EqualTo("https://api.example.test\n"));
        var json = await Expect(0, pm.RunAsync(["read", "pm://Personal/Database/password", "--json"], null, null, env));
        Assert.That(json.GetProperty("value").GetString(), Is.EqualTo("db-pass-1"));

        var noField = await ExpectError(4, "cli.not_found", pm.RunAsync(["read", "pm://Personal/Database/pin", "--json"], null, null, env));
        Assert.That(noField.GetProperty("message").GetString(), Does.Contain("no field 'pin'").And.Contain("password"));
        await ExpectError(4, "cli.not_found", pm.RunAsync(["read", "pm://Ops Team/Web%2FAPI/password", "--json"], null, null, env));
        await ExpectError(4, "cli.not_found", pm.RunAsync(["read", "pm://Personal/Nothing/password", "--json"], null, null, env));
        await ExpectError(4, "cli.not_found", pm.RunAsync(["read", "pm://Elsewhere/Database/password", "--json"], null, null, env));
        await ExpectError(1, "cli.usage", pm.RunAsync(["read", "Personal/Database/password", "--json"], null, null, env));

        var run = await pm.RunAsync(
            ["run", "--env", "DB_USER=pm://Personal/Database/username", "--env", "DB_PASS=pm://Personal/Database/password", "--",
             "sh", "-c", "printf '%s:%s:%s:%s' \"$DB_USER\" \"$DB_PASS\" \"${PM_SESSION-unset}\" \"$1\"; exit 7", "sh", "plain-arg"],
            null, null, env);
        Assert.That(run.ExitCode, Is.EqualTo(7), "the command's exit code passes through\n" + run);
        Assert.That(run.Stdout, Is.EqualTo("app:db-pass-1:unset:plain-arg"), "secrets in the environment, PM_SESSION not passed on");

        var marker = Path.Combine(pm.ConfigDirectory, "ran");
        var missing = await pm.RunAsync(
            ["run", "--env", "X=pm://Personal/Database/recovery-pin", "--", "sh", "-c", $"touch '{marker}'"], null, null, env);
        Assert.That(missing.ExitCode, Is.EqualTo(4), missing.ToString());
        Assert.That(missing.Stderr, Does.Contain("no field 'recovery-pin'"));
        Assert.That(File.Exists(marker), Is.False, "nothing runs when a secret is missing");

        await Expect(0, pm.RunAsync("lock", "--json"));
        Assert.That(File.Exists(unlockFile), Is.False);
        var afterLock = await ExpectError(2, "cli.locked", pm.RunAsync(["read", "pm://Personal/Database/password", "--json"], null, null, env));
        Assert.That(afterLock.GetProperty("message").GetString(), Does.Contain("pm unlock"));
        var plainAfterLock = await pm.RunAsync(["read", "pm://Personal/Database/password"], null, null, env);
        Assert.That(plainAfterLock.ExitCode, Is.EqualTo(2));
        Assert.That(plainAfterLock.Stdout, Is.Empty);
        Assert.That(plainAfterLock.Stderr, Does.Contain("Locked"));

        // Without PM_SESSION and without a password there is nothing to unlock with either.
        await ExpectError(2, "cli.locked", pm.RunAsync(["read", "pm://Personal/Database/password", "--json"], null, null));
        Assert.That((await pm.RunAsync(["read", "pm://Personal/Database/password"], password, null)).Stdout, Is.EqualTo("db-pass-1\n"));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task WrongReplacedOrExpiredSessionsFailWithoutFallingBackToThePassword()
    {
        var (pm, password) = await NewAccountAsync("session");
        await Expect(0, pm.RunAsync(["add", "--name", "Mail", "--entry-password-stdin", "--json"], password, "mail-pass\n"));
        var reference = "pm://Personal/Mail/password";

        var first = (await pm.RunAsync(["unlock", "--raw"], password, null)).Stdout;
        var random = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        foreach (var wrong in new[] { random, "not-a-session", first[..^2] })
        {
            // PM_PASSWORD is set as well: a session that does not open is an error, never a silent fallback.
            await ExpectError(2, "cli.session_invalid", pm.RunAsync(["read", reference, "--json"], password, null, Session(wrong)));
        }

        var second = (await pm.RunAsync(["unlock", "--raw", "--idle", "10s"], password, null)).Stdout;
        await ExpectError(2, "cli.session_invalid", pm.RunAsync(["read", reference, "--json"], null, null, Session(first)));

        // Each use slides the expiry: 6 s, a read, 6 s more is past the first 10 s but within 10 s of the read.
        await Task.Delay(TimeSpan.FromSeconds(6));
        await Expect(0, pm.RunAsync(["read", reference, "--json"], null, null, Session(second)));
        await Task.Delay(TimeSpan.FromSeconds(6));
        await Expect(0, pm.RunAsync(["read", reference, "--json"], null, null, Session(second)));

        var shortLived = (await pm.RunAsync(["unlock", "--raw", "--idle", "1s"], password, null)).Stdout;
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var expired = await ExpectError(2, "cli.session_expired", pm.RunAsync(["read", reference, "--json"], password, null, Session(shortLived)));
        Assert.That(expired.GetProperty("message").GetString(), Does.Contain("pm unlock"));
        Assert.That(File.Exists(Path.Combine(pm.ConfigDirectory, "unlock.bin")), Is.False, "an expired unlock is deleted");

        await ExpectError(1, "cli.usage", pm.RunAsync(["unlock", "--idle", "forever", "--json"], password, null));
    }

    private static Dictionary<string, string> Session(string value) => new() { ["PM_SESSION"] = value };

    private static void AssertSessionKeyNotOnDisk(PmCli pm, string session)
    {
        var raw = Base64Url.DecodeFromChars(session);
        foreach (var file in Directory.EnumerateFiles(pm.ConfigDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.That(bytes.AsSpan().IndexOf(raw), Is.EqualTo(-1), $"{file} holds the raw session key");
            Assert.That(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(session)), Is.EqualTo(-1), $"{file} holds PM_SESSION");
        }
    }
}
