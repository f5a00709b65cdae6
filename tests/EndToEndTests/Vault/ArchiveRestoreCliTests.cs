using System.Runtime.Versioning;
using System.Text.Json;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.Vault;

/// <summary>pm import of a pm export into the account it came from, while its vault still exists.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ArchiveRestoreCliTests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task RestoresEntriesDeletedSinceTheBackupAsNewVersionsAndReportsTheRest()
    {
        var (pm, password) = await NewAccountAsync("restore");
        foreach (var name in new[] { "Kept", "Deleted", "Edited" })
            await Expect(0, pm.RunAsync(["add", "--name", name, "--username", "u-" + name, "--entry-password-stdin", "--json"], password, $"pw-{name}\n"));
        var team = await Expect(0, pm.RunAsync(["vault", "create", "Team", "--json"], password, null));
        await Expect(0, pm.RunAsync(["add", "--vault", "Team", "--name", "TeamEntry", "--entry-password-stdin", "--json"], password, "pw-team\n"));
        var backup = Path.Combine(pm.ConfigDirectory, "..", $"backup-{Guid.NewGuid():N}.ndjson");
        await Expect(0, pm.RunAsync(["export", backup, "--json"], password, null));
        var exportedEntry = File.ReadLines(backup).Select(l => JsonDocument.Parse(l).RootElement).First(r => r.GetProperty("type").GetString() == "entry");
        Assert.That(exportedEntry.TryGetProperty("updatedAt", out _), Is.True, "archives carry the entries' times");

        var deleted = await Expect(0, pm.RunAsync(["get", "Deleted", "--json"], password, null));
        var deletedId = deleted.GetProperty("entryId").GetGuid();
        await Expect(0, pm.RunAsync(["rm", "Deleted", "--json"], password, null));
        await Expect(0, pm.RunAsync(["edit", "Edited", "--notes", "after the backup", "--json"], password, null));
        await Expect(0, pm.RunAsync(["add", "--name", "New", "--no-password", "--json"], password, null));
        // A vault lost since the backup (an operator's mistake, a database restored from an older backup).
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"DELETE FROM vault.vaults WHERE id = '{team.GetProperty("vaultId").GetGuid()}'");

        var restore = await Expect(0, pm.RunAsync(["import", backup, "--json"], password, null));
        Assert.Multiple(() =>
        {
            var restored = restore.GetProperty("restored").EnumerateArray().Single();
            Assert.That(restored.GetProperty("name").GetString(), Is.EqualTo("Deleted"));
            Assert.That(restored.GetProperty("entryId").GetGuid(), Is.EqualTo(deletedId), "the same entry, brought back");
            Assert.That(restore.GetProperty("unchanged").GetInt32(), Is.EqualTo(1));
            Assert.That(restore.GetProperty("changedSinceBackup").EnumerateArray().Single().GetProperty("name").GetString(), Is.EqualTo("Edited"));
            Assert.That(restore.GetProperty("addedSinceBackup").EnumerateArray().Single().GetProperty("name").GetString(), Is.EqualTo("New"));
            Assert.That(restore.GetProperty("importedVaults").GetProperty("vaults").GetInt32(), Is.EqualTo(1), "the lost vault comes back whole");
            Assert.That(restore.GetProperty("importedVaults").GetProperty("entries").GetInt64(), Is.EqualTo(1));
        });
        var teamEntry = await Expect(0, pm.RunAsync(["get", "TeamEntry", "--vault", "Team", "--show-password", "--json"], password, null));
        Assert.That(teamEntry.GetProperty("password").GetString(), Is.EqualTo("pw-team"));

        var back = await Expect(0, pm.RunAsync(["get", "Deleted", "--show-password", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(back.GetProperty("password").GetString(), Is.EqualTo("pw-Deleted"));
            Assert.That(back.GetProperty("version").GetInt64(), Is.EqualTo(3), "version 1, the tombstone (2), then the restored version");
        });
        var history = await Expect(0, pm.RunAsync(["history", "Deleted", "--json"], password, null));
        Assert.That(history.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt64()), Does.Contain(1L), "the history is kept");
        var edited = await Expect(0, pm.RunAsync(["get", "Edited", "--json"], password, null));
        Assert.That(edited.GetProperty("notes").GetString(), Is.EqualTo("after the backup"), "a later edit is left alone");

        var again = await Expect(0, pm.RunAsync(["import", backup, "--json"], password, null));
        Assert.That(again.GetProperty("restored").GetArrayLength(), Is.Zero, "a second restore has nothing left to bring back");
        File.Delete(backup);
    }
}
