using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>What pm prints when stdout is a pipe: whole lines, one record a line, real names in suggestions, a settable device name.</summary>
public sealed class OutputForScriptsTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task PipedListsAreOneTabSeparatedRecordALineWithFullIds()
    {
        var pm = ServerFixture.NewCli();
        var username = TestUsers.NewUsername("pipes");
        var (password, _) = TestUsers.NewPassword();
        await Expect(0, pm.RunAsync("config", "server", ServerFixture.Server.Address.ToString()));
        await Expect(0, pm.RunAsync(["register", "-u", username], password, null));
        await Expect(0, pm.RunAsync(["login", "-u", username, "--device-name", "ci runner 7"], password, null));
        var other = ServerFixture.NewCli();
        await Expect(0, other.RunAsync("config", "server", ServerFixture.Server.Address.ToString()));
        await Expect(0, other.RunAsync(["login", "-u", username], password, null));
        var sessions = await Expect(0, pm.RunAsync("sessions", "--json"));
        Assert.That(sessions.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("deviceName").GetString()),
            Is.EquivalentTo(new[] { "ci runner 7", Environment.MachineName }), "--device-name, else the host name");

        var longName = "A rather long entry name that would have been wrapped at eighty columns before " + new string('x', 40);
        var added = await pm.RunAsync(["add", "--name", longName, "--username", "alice", "--url", "https://example.test/" + new string('p', 90), "--generate"], password, null);
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(added.Stdout, Does.Contain($"Show it with: pm get '{longName}' --show-password"), "the suggestion names the entry, quoted for the shell");
        await Expect(0, pm.RunAsync(["add", "--name", "Mail", "--no-password"], password, null));

        var list = await pm.RunAsync(["list"], password, null);
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        var lines = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2), "one line per entry: no header, border, wrapping or footer");
        var columns = lines.Select(l => l.Split('\t')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(columns.Select(c => c.Length), Is.All.EqualTo(6));
            Assert.That(columns[0][0], Is.EqualTo(longName));
            Assert.That(columns[0][2], Does.EndWith(new string('p', 90)));
            Assert.That(columns[1][0], Is.EqualTo("Mail"));
            Assert.That(columns[1][1], Is.EqualTo("-"), "an empty cell is a dash");
            Assert.That(columns.Select(c => Guid.TryParse(c[4], out _)), Is.All.True, "full entry ids");
        });

        await Expect(0, pm.RunAsync(["vault", "create", "Team"], password, null));
        var members = await pm.RunAsync(["members", "Team"], password, null);
        Assert.That(members.ExitCode, Is.Zero, members.ToString());
        var member = members.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(member, Has.Length.EqualTo(1), "piped, the vault heading stays off stdout: " + members.Stdout);
        Assert.That(member[0].Split('\t')[0], Is.EqualTo(username));

        var sync = await pm.RunAsync(["sync"], password, null);
        Assert.That(sync.Stdout, Does.Contain("2 vaults and 2 entries."), sync.ToString());
    }
}
