using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Operations;

/// <summary>
/// deploy/backup.sh and deploy/restore.sh against real server processes: data written with pm, a backup, more
/// writes, a restore into a fresh database, blob folder and data folder on the same address; the device that saw
/// the later writes refuses the restored (older) signed history until its user lets it start over, then decrypts
/// everything, and a fresh device sees exactly the backed-up state.
/// </summary>
public sealed class BackupRestoreTests
{
    [Test]
    [CancelAfter(600_000)]
    public async Task RestoredInstanceResyncsTheSameDeviceAndShowsAFreshDeviceExactlyTheBackup()
    {
        var work = Directory.CreateTempSubdirectory("pm-backup-").FullName;
        var sourceDatabase = await TestDatabases.CreateAsync();
        var targetDatabase = await TestDatabases.CreateAsync();
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        // Every entry ciphertext goes to the blob store, so the backup must carry blobs, not only rows.
        var settings = new Dictionary<string, string> { ["Vault__InlineCiphertextMaxBytes"] = "64" };
        var username = TestUsers.NewUsername("backup");
        var (password, _) = TestUsers.NewPassword();
        var device = new PmCli(Path.Combine(work, "device"));
        var backup = Path.Combine(work, "backup");
        var attachment = Path.Combine(work, "codes.txt");
        await File.WriteAllTextAsync(attachment, "code-1\ncode-2\n");

        await using (var original = await ServerProcess.StartAsync(
            Path.Combine(work, "original"), s3BlobStore: false, settings: settings, address: address, database: sourceDatabase))
        {
            await Expect(0, device.RunAsync("config", "server", address.ToString()));
            await Expect(0, device.RunAsync(["register", "-u", username], password, stdin: null));
            await Expect(0, device.RunAsync(["login", "-u", username], password, stdin: null));
            await Expect(0, device.RunAsync(["vault", "create", "Work"], password, stdin: null));
            await Expect(0, device.RunAsync(["add", "--vault", "Work", "--name", "GitHub", "--username", "alice", "--generate"], password, stdin: null));
            await Expect(0, device.RunAsync(["add", "--name", "Bank", "--username", "alice", "--generate"], password, stdin: null));
            await Expect(0, device.RunAsync(["edit", "Bank", "--url", "https://bank.example"], password, stdin: null));
            await Expect(0, device.RunAsync(["attach", "GitHub", attachment], password, stdin: null));

            var backedUp = await DeployScripts.RunAsync("backup.sh", [backup], Instance(sourceDatabase, original.DataDirectory));
            Assert.That(backedUp.ExitCode, Is.Zero, backedUp.ToString());

            await Expect(0, device.RunAsync(["add", "--vault", "Work", "--name", "AfterBackup", "--generate"], password, stdin: null));
            await Expect(0, device.RunAsync(["add", "--name", "AlsoAfter", "--generate"], password, stdin: null));
            await Expect(0, device.RunAsync(["sync"], password, stdin: null));
        }

        Assert.That(File.ReadAllLines(Path.Combine(backup, "referenced-blobs.txt")), Has.Length.GreaterThanOrEqualTo(4), "entry versions and the attachment");
        var restoredData = Path.Combine(work, "restored", "server-data");
        var restoredRun = await DeployScripts.RunAsync("restore.sh", [backup], Instance(targetDatabase, restoredData));
        Assert.That(restoredRun.ExitCode, Is.Zero, restoredRun.ToString());
        var again = await DeployScripts.RunAsync("restore.sh", [backup], Instance(targetDatabase, restoredData));
        Assert.That(again.ExitCode, Is.EqualTo(2), "a restore refuses a database that is not fresh: " + again);

        await using var restored = await ServerProcess.StartAsync(
            Path.Combine(work, "restored"), s3BlobStore: false, settings: settings, address: address, database: targetDatabase);

        // The device's refresh token rotated after the backup, so the restored sessions do not know it: log in again
        // (the local cache stays). Its cursor is ahead of the restored vaults and, above all, it verified signed history
        // past the backup: to it the restored server is a rollback, as a malicious one would be (ADR-0032).
        await ExpectError(2, "auth.invalid_refresh_token", device.RunAsync(["sync", "--json"], password, stdin: null));
        await Expect(0, device.RunAsync(["login", "-u", username], password, stdin: null));
        var refused = await ExpectError(5, "cli.history_rejected", device.RunAsync(["sync", "--json"], password, stdin: null));
        Assert.That(refused.GetProperty("message").GetString(), Does.Contain("rolled-back").And.Contain("backup"));
        Assert.That(await File.ReadAllTextAsync(restored.LogFile), Does.Match("GET /api/v1/sync[^\n]*409"), "the server asked for a resync");

        // Once the operator confirmed the restore, the user lets the device start over from the restored history.
        File.Delete(Path.Combine(work, "device", "cache.bin"));
        var resync = await Expect(0, device.RunAsync(["sync", "--json"], password, stdin: null));
        Assert.That(resync.GetProperty("fullSync").GetBoolean(), Is.True, resync.GetRawText());
        Assert.That(resync.GetProperty("rejected").GetArrayLength(), Is.Zero, resync.GetRawText());
        Assert.That(await NamesAsync(device, password), Is.EquivalentTo(new[] { "GitHub", "Bank" }), "the later entries are gone from the same device");
        await AssertEveryEntryDecryptsAsync(device, password, work);

        var fresh = new PmCli(Path.Combine(work, "fresh"));
        await Expect(0, fresh.RunAsync("config", "server", address.ToString()));
        await Expect(0, fresh.RunAsync(["login", "-u", username], password, stdin: null));
        await Expect(0, fresh.RunAsync(["sync"], password, stdin: null));
        Assert.That(await NamesAsync(fresh, password), Is.EquivalentTo(new[] { "GitHub", "Bank" }));
        await AssertEveryEntryDecryptsAsync(fresh, password, work);
        var bank = await Expect(0, fresh.RunAsync(["get", "Bank", "--json"], password, stdin: null));
        Assert.That(bank.GetRawText(), Does.Contain("https://bank.example"), "the edit made before the backup");
        Directory.Delete(work, recursive: true);
    }

    private static async Task AssertEveryEntryDecryptsAsync(PmCli pm, string password, string work)
    {
        foreach (var name in await NamesAsync(pm, password))
            await Expect(0, pm.RunAsync(["get", name, "--show-password", "--json"], password, stdin: null));
        var copy = Path.Combine(work, $"codes-{Guid.NewGuid():N}.txt");
        await Expect(0, pm.RunAsync(["download", "GitHub", "codes.txt", "--out", copy], password, stdin: null));
        Assert.That(await File.ReadAllTextAsync(copy), Is.EqualTo("code-1\ncode-2\n"));
    }

    private static async Task<List<string>> NamesAsync(PmCli pm, string password)
    {
        var list = await Expect(0, pm.RunAsync(["list", "--json"], password, stdin: null));
        return [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!)];
    }

    private static Dictionary<string, string> Instance(string database, string dataDirectory) => new()
    {
        ["ConnectionStrings__Postgres"] = database,
        ["DataDirectory"] = dataDirectory,
        ["BlobStore__Kind"] = "FileSystem",
    };
}
