using System.Text.Json;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Vault;

/// <summary>pm against the real server: vaults, entries, history, a second device's incremental sync, rollback refusal.</summary>
public sealed class VaultCliTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task VaultsEntriesHistoryAndIncrementalSyncOnASecondDevice()
    {
        var (pm, password) = await NewAccountAsync("vault");
        var created = await Expect(0, pm.RunAsync(["vault", "create", "Team", "--json"], password, null));
        var vaultId = created.GetProperty("vaultId").GetGuid();

        var github = await Expect(0, pm.RunAsync(["add", "--vault", "Team", "--name", "GitHub", "--username", "alice", "--url", "https://github.com", "--generate", "--length", "30", "--json"], password, null));
        var githubId = github.GetProperty("entryId").GetGuid();
        Assert.That(github.GetProperty("vaultId").GetGuid(), Is.EqualTo(vaultId));
        await Expect(0, pm.RunAsync(["add", "--name", "Mail", "--username", "bob", "--entry-password-stdin", "--notes", "n1", "--json"], password, "mail-pass-1\n"));

        var shown = await Expect(0, pm.RunAsync(["get", "GitHub", "--show-password", "--json"], password, null));
        Assert.That(shown.GetProperty("password").GetString(), Has.Length.EqualTo(30));
        var hidden = await Expect(0, pm.RunAsync(["get", githubId.ToString(), "--json"], password, null));
        Assert.That(hidden.TryGetProperty("password", out _), Is.False, "no password without --show-password");

        var vaults = await Expect(0, pm.RunAsync(["vault", "list", "--json"], password, null));
        Assert.That(vaults.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "Team", "Personal" }));

        // Second device: full sync first.
        var other = await LoginElsewhereAsync(pm, password);
        var first = await Expect(0, other.RunAsync(["sync", "--json"], password, null));
        Assert.That(first.GetProperty("entries").GetInt32(), Is.EqualTo(2));

        await Expect(0, pm.RunAsync(["edit", "GitHub", "--username", "alice2", "--json"], password, null));
        await Expect(0, pm.RunAsync(["edit", "GitHub", "--notes", "second edit", "--json"], password, null));
        await Expect(0, pm.RunAsync(["rm", "Mail", "--json"], password, null));

        var delta = await Expect(0, other.RunAsync(["sync", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(delta.GetProperty("fullSync").GetBoolean(), Is.False);
            Assert.That(delta.GetProperty("entriesUpdated").GetInt32(), Is.EqualTo(1), "only the edited entry comes again");
            Assert.That(delta.GetProperty("entriesDeleted").GetInt32(), Is.EqualTo(1));
            Assert.That(delta.GetProperty("entries").GetInt32(), Is.EqualTo(1));
        });
        var onOther = await Expect(0, other.RunAsync(["get", "GitHub", "--json"], password, null));
        Assert.That(onOther.GetProperty("username").GetString(), Is.EqualTo("alice2"));
        Assert.That(onOther.GetProperty("notes").GetString(), Is.EqualTo("second edit"));
        Assert.That(onOther.GetProperty("version").GetInt64(), Is.EqualTo(3));

        var history = await Expect(0, other.RunAsync(["history", "GitHub", "--json"], password, null));
        Assert.That(history.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt64()), Is.EqualTo(new long[] { 2, 1 }));
        var v1 = await Expect(0, other.RunAsync(["history", "GitHub", "--at", "1", "--json"], password, null));
        Assert.That(v1.GetProperty("username").GetString(), Is.EqualTo("alice"));

        var list = await Expect(0, other.RunAsync(["list", "--json"], password, null));
        Assert.That(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()), Is.EqualTo(new[] { "GitHub" }));
        await ExpectError(4, "cli.not_found", other.RunAsync(["get", "Mail", "--json"], password, null));
        await ExpectError(2, "cli.wrong_password", other.RunAsync(["list", "--json"], "not the password", null));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task SecondDeviceRefusesAnEntryTheServerRolledBack()
    {
        var (pm, password) = await NewAccountAsync("rollback");
        var added = await Expect(0, pm.RunAsync(["add", "--name", "Bank", "--username", "u1", "--no-password", "--json"], password, null));
        var entryId = added.GetProperty("entryId").GetGuid();
        var vaultId = added.GetProperty("vaultId").GetGuid();
        await Expect(0, pm.RunAsync(["edit", "Bank", "--username", "u2", "--json"], password, null));

        var other = await LoginElsewhereAsync(pm, password);
        await Expect(0, other.RunAsync(["sync", "--json"], password, null));

        // The server (or whoever controls its database) restores version 1 from the history as the current version,
        // with a fresh revision so that sync offers it as a change. Its ciphertext is genuine: only the version check catches it.
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"""
            WITH old AS (SELECT ciphertext, ciphertext_size FROM vault.entry_versions WHERE entry_id = '{entryId}' AND version = 1),
                 bump AS (UPDATE vault.vaults SET revision = revision + 1 WHERE id = '{vaultId}' RETURNING revision)
            UPDATE vault.entries SET version = 1, ciphertext = (SELECT ciphertext FROM old), ciphertext_size = (SELECT ciphertext_size FROM old),
                   revision = (SELECT revision FROM bump)
            WHERE id = '{entryId}'
            """);

        var refused = await other.RunAsync(["sync", "--json"], password, null);
        Assert.That(refused.ExitCode, Is.EqualTo(5), refused.ToString());
        Assert.That(refused.Stdout, Does.Contain("cli.rollback_detected"));
        Assert.That(refused.Stderr, Does.Contain($"REFUSED entry {entryId}").And.Contain("offered version 1").And.Contain("holds version 2"));

        var kept = await Expect(0, other.RunAsync(["get", "Bank", "--json"], password, null));
        Assert.That(kept.GetProperty("username").GetString(), Is.EqualTo("u2"), "the device keeps the newer version");
        Assert.That(kept.GetProperty("version").GetInt64(), Is.EqualTo(2));

        // An edit based on the kept version conflicts with the rolled-back server: exit 4, sync and retry.
        var conflict = await ExpectError(4, "vault.stale_version", other.RunAsync(["edit", "Bank", "--username", "u3", "--json"], password, null));
        Assert.That(conflict.GetProperty("message").GetString(), Does.Contain("pm sync"));
    }

    internal static async Task<(PmCli Pm, string Password)> NewAccountAsync(string prefix)
    {
        var pm = ServerFixture.NewCli();
        var username = TestUsers.NewUsername(prefix);
        var (password, _) = TestUsers.NewPassword();
        await Expect(0, pm.RunAsync("config", "server", ServerFixture.Server.Address.ToString()));
        await Expect(0, pm.RunAsync(["register", "-u", username], password, null));
        await Expect(0, pm.RunAsync(["login", "-u", username], password, null));
        return (pm, password);
    }

    internal static async Task<PmCli> LoginElsewhereAsync(PmCli pm, string password)
    {
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(pm.ConfigDirectory, "config.json"))).RootElement;
        var other = ServerFixture.NewCli();
        await Expect(0, other.RunAsync("config", "server", ServerFixture.Server.Address.ToString()));
        await Expect(0, other.RunAsync(["login", "-u", config.GetProperty("username").GetString()!], password, null));
        return other;
    }
}
