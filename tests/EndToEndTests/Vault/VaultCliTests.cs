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

        // The newer copy is kept on the device, but no command uses the entry while the server serves the older one.
        using (var keys = CliProfile.Unlock(other, password))
            Assert.That(CliProfile.Cache(other, keys).Entries[entryId].Version, Is.EqualTo(2), "the device keeps the newer version");
        await ExpectError(5, "cli.rollback_detected", other.RunAsync(["get", "Bank", "--json"], password, null));
        await ExpectError(5, "cli.rollback_detected", other.RunAsync(["edit", "Bank", "--username", "u3", "--json"], password, null));
        await ExpectError(5, "cli.rollback_detected", other.RunAsync(["sync", "--json"], password, null));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task DeviceWithACacheRefusesCiphertextsSwappedOrRelabelledAtTheVersionsItHolds()
    {
        var (pm, password) = await NewAccountAsync("swap");
        var first = await Expect(0, pm.RunAsync(["add", "--name", "First", "--username", "one", "--no-password", "--json"], password, null));
        var second = await Expect(0, pm.RunAsync(["add", "--name", "Second", "--username", "two", "--no-password", "--json"], password, null));
        var third = await Expect(0, pm.RunAsync(["add", "--name", "Third", "--username", "v1", "--no-password", "--json"], password, null));
        await Expect(0, pm.RunAsync(["edit", "Third", "--username", "v2", "--json"], password, null));
        var (firstId, secondId, thirdId) = (Id(first), Id(second), Id(third));
        var vaultId = first.GetProperty("vaultId").GetGuid();
        await Expect(0, pm.RunAsync(["sync", "--json"], password, null));

        // Both entries keep their versions (1) and get fresh revisions, so an incremental sync offers them again.
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"""
            WITH a AS (SELECT ciphertext, ciphertext_size FROM vault.entries WHERE id = '{firstId}'),
                 b AS (SELECT ciphertext, ciphertext_size FROM vault.entries WHERE id = '{secondId}'),
                 bump AS (UPDATE vault.vaults SET revision = revision + 2 WHERE id = '{vaultId}' RETURNING revision)
            UPDATE vault.entries e SET
                ciphertext = CASE WHEN e.id = '{firstId}' THEN (SELECT ciphertext FROM b) ELSE (SELECT ciphertext FROM a) END,
                ciphertext_size = CASE WHEN e.id = '{firstId}' THEN (SELECT ciphertext_size FROM b) ELSE (SELECT ciphertext_size FROM a) END,
                revision = CASE WHEN e.id = '{firstId}' THEN (SELECT revision - 1 FROM bump) ELSE (SELECT revision FROM bump) END
            WHERE e.id IN ('{firstId}', '{secondId}')
            """);

        var swapped = await pm.RunAsync(["sync", "--json"], password, null);
        Assert.That(swapped.ExitCode, Is.EqualTo(5), swapped.ToString());
        Assert.That(swapped.Stdout, Does.Contain("cli.entry_rejected"));
        Assert.That(swapped.Stderr, Does.Contain($"REFUSED entry {firstId}").And.Contain($"REFUSED entry {secondId}").And.Contain("differs from the verified copy of version 1"));

        // Version 2 of Third relabelled with version 1's genuine ciphertext, without a new revision: a full sync sees it.
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"""
            UPDATE vault.entries SET ciphertext = v.ciphertext, ciphertext_size = v.ciphertext_size
            FROM vault.entry_versions v WHERE v.entry_id = '{thirdId}' AND v.version = 1 AND vault.entries.id = '{thirdId}'
            """);
        var relabelled = await pm.RunAsync(["sync", "--full", "--json"], password, null);
        Assert.That(relabelled.ExitCode, Is.EqualTo(5), relabelled.ToString());
        Assert.That(relabelled.Stderr, Does.Contain($"REFUSED entry {thirdId}").And.Contain("differs from the verified copy of version 2"));

        foreach (var command in new[] { new[] { "get", "First" }, ["get", secondId.ToString()], ["edit", "Third", "--username", "v3"], ["rm", "Second"] })
            await ExpectError(5, "cli.entry_rejected", pm.RunAsync([.. command, "--json"], password, null));
        using (var keys = CliProfile.Unlock(pm, password))
        {
            var cache = CliProfile.Cache(pm, keys);
            Assert.That(cache.Entries[thirdId].Version, Is.EqualTo(2), "the verified copies are kept");
            Assert.That(cache.Refused.Keys, Is.EquivalentTo(new[] { firstId, secondId, thirdId }));
        }
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task FreshDeviceEndsEveryCommandOnATamperedEntryWithExitFive()
    {
        var (pm, password) = await NewAccountAsync("fresh");
        var first = await Expect(0, pm.RunAsync(["add", "--name", "First", "--no-password", "--json"], password, null));
        var second = await Expect(0, pm.RunAsync(["add", "--name", "Second", "--no-password", "--json"], password, null));
        var (firstId, secondId) = (Id(first), Id(second));
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"""
            UPDATE vault.entries SET ciphertext = (SELECT ciphertext FROM vault.entries WHERE id = '{secondId}'),
                   ciphertext_size = (SELECT ciphertext_size FROM vault.entries WHERE id = '{secondId}')
            WHERE id = '{firstId}'
            """);

        var fresh = await LoginElsewhereAsync(pm, password);
        var get = await fresh.RunAsync(["get", firstId.ToString(), "--json"], password, null);
        Assert.That(get.ExitCode, Is.EqualTo(5), get.ToString());
        Assert.That(get.Stderr, Does.Contain($"REFUSED entry {firstId}"));
        // Later runs do not see the entry again in their incremental sync, and still refuse it.
        foreach (var command in new[]
        {
            new[] { "get", firstId.ToString() }, ["get", "First"], ["history", firstId.ToString()], ["edit", firstId.ToString()[..8], "--username", "x"],
            ["rm", firstId.ToString()], ["attachments", firstId.ToString()], ["download", firstId.ToString(), Guid.NewGuid().ToString()],
        })
        {
            var error = await ExpectError(5, "cli.entry_rejected", fresh.RunAsync([.. command, "--json"], password, null));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain(firstId.ToString()), string.Join(' ', command));
        }

        var sync = await fresh.RunAsync(["sync", "--json"], password, null);
        Assert.That(sync.ExitCode, Is.EqualTo(5), sync.ToString());
        Assert.That(sync.Stderr, Does.Contain($"Still REFUSED entry {firstId}"));
        await Expect(0, fresh.RunAsync(["get", "Second", "--json"], password, null));
        await ExpectError(5, "cli.entry_rejected", fresh.RunAsync(["get", "NoSuchEntry", "--json"], password, null));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task AddWithoutAnEntryPasswordSourceChangesNothing()
    {
        var (pm, password) = await NewAccountAsync("noinput");

        var error = await ExpectError(1, "cli.usage", pm.RunAsync(["add", "--name", "Bank", "--json"], password, null));

        Assert.That(error.GetProperty("message").GetString(), Does.Contain("--generate"));
        var vaults = await Expect(0, pm.RunAsync(["vault", "list", "--json"], password, null));
        Assert.That(vaults.GetProperty("items").GetArrayLength(), Is.Zero, "no personal vault for a command that was refused");
        await ExpectError(1, "cli.usage", pm.RunAsync(["vault", "create", " ", "--json"], password, null));
    }

    private static Guid Id(JsonElement added) => added.GetProperty("entryId").GetGuid();

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
