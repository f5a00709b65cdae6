using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>
/// pm passwd, pm kdf, pm hint and pm account delete against a real server of their own (filesystem blob store, garbage
/// collected every second), so that the blob store and a database dump can be searched after the deletion.
/// </summary>
public sealed class AccountSecurityTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task PasswdLogsOtherDevicesOutKdfRaisesTheCostAndDeleteLeavesOnlyTheReservation()
    {
        var work = Directory.CreateDirectory(Path.Combine(ServerFixture.WorkFolder, $"account-{Guid.NewGuid():N}")).FullName;
        await using var server = await ServerProcess.StartAsync(
            work, s3BlobStore: false, settings: new Dictionary<string, string> { ["Vault__GarbageCollectionInterval"] = "00:00:01" });
        var username = TestUsers.NewUsername("acct");
        var (oldPassword, oldCanary) = TestUsers.NewPassword();
        var (newPassword, newCanary) = TestUsers.NewPassword();
        var hintCanary = $"HINTCANARY{Guid.NewGuid():N}";
        var secretCanary = $"SECRETCANARY{Guid.NewGuid():N}";
        var fileCanary = $"FILECANARY{Guid.NewGuid():N}";

        var laptop = await NewDeviceAsync(server, work);
        var registered = await Expect(0, laptop.RunAsync(["register", "-u", username, "--hint", hintCanary, "--json"], oldPassword, null));
        var userId = registered.GetProperty("userId").GetGuid();
        await Expect(0, laptop.RunAsync(["login", "-u", username], oldPassword, null));
        var added = await Expect(0, laptop.RunAsync(["add", "--name", "Bank", "--entry-password-stdin", "--json"], oldPassword, secretCanary + "\n"));
        var vaultId = added.GetProperty("vaultId").GetGuid();
        var file = Path.Combine(work, "statement.txt");
        await File.WriteAllTextAsync(file, string.Concat(Enumerable.Repeat(fileCanary + "\n", 2000)));
        await Expect(0, laptop.RunAsync(["attach", "Bank", file, "--json"], oldPassword, null));
        var phone = await NewDeviceAsync(server, work);
        await Expect(0, phone.RunAsync(["login", "-u", username], oldPassword, null));
        await Expect(0, phone.RunAsync(["sync"], oldPassword, null));

        // The strength check runs before anything is sent.
        await ExpectError(1, "cli.usage", laptop.RunAsync(["passwd", "--password-stdin", "--json"], null, $"{oldPassword}\nshort-pw\n"));
        var weak = await laptop.RunAsync(["passwd", "--password-stdin"], null, $"{oldPassword}\n{username}2024!\n");
        Assert.That(weak.ExitCode, Is.EqualTo(1), weak.ToString());
        Assert.That(weak.Stderr, Does.Contain("too weak").And.Contain("username"));
        await ExpectError(2, "cli.wrong_password", laptop.RunAsync(["passwd", "--password-stdin", "--json"], null, $"not the password at all\n{newPassword}\n"));

        var changed = await Expect(0, laptop.RunAsync(["passwd", "--password-stdin", "--json"], null, $"{oldPassword}\n{newPassword}\n"));
        Assert.That(changed.GetProperty("revokedSessions").GetInt32(), Is.EqualTo(1));

        await AssertRefreshRefusedAsync(server, phone);
        await ExpectError(2, "auth.invalid_credentials", (await NewDeviceAsync(server, work)).RunAsync(["login", "-u", username, "--json"], oldPassword, null));
        var fresh = await NewDeviceAsync(server, work);
        await Expect(0, fresh.RunAsync(["login", "-u", username], newPassword, null));
        var shown = await Expect(0, fresh.RunAsync(["get", "Bank", "--show-password", "--json"], newPassword, null));
        Assert.That(shown.GetProperty("password").GetString(), Is.EqualTo(secretCanary));
        var laptopShown = await Expect(0, laptop.RunAsync(["get", "Bank", "--show-password", "--json"], newPassword, null));
        Assert.That(laptopShown.GetProperty("password").GetString(), Is.EqualTo(secretCanary), "this device keeps working with the new password");

        var raised = await Expect(0, laptop.RunAsync(["kdf", "--iterations", "4", "--password-stdin", "--json"], null, newPassword + "\n"));
        Assert.That(raised.GetProperty("kdf").GetProperty("iterations").GetInt32(), Is.EqualTo(4));
        await ExpectError(1, "cli.usage", laptop.RunAsync(["kdf", "--iterations", "3", "--password-stdin", "--json"], null, newPassword + "\n"));
        Assert.That(await PreloginIterationsAsync(server, username), Is.EqualTo(4));
        var afterKdf = await NewDeviceAsync(server, work);
        await Expect(0, afterKdf.RunAsync(["login", "-u", username], newPassword, null));
        Assert.That((await Expect(0, afterKdf.RunAsync(["get", "Bank", "--show-password", "--json"], newPassword, null))).GetProperty("password").GetString(), Is.EqualTo(secretCanary));

        var newHint = $"NEWHINT{Guid.NewGuid():N}";
        await Expect(0, laptop.RunAsync(["hint", "set", newHint, "--json"], null, null));
        Assert.That(await File.ReadAllTextAsync(await DumpAsync(work, "hint-set")), Does.Contain(newHint).And.Not.Contain(hintCanary));
        await Expect(0, laptop.RunAsync(["hint", "clear", "--json"], null, null));
        Assert.That(await File.ReadAllTextAsync(await DumpAsync(work, "hint-clear")), Does.Not.Contain(newHint));

        await ExpectError(1, "cli.usage", laptop.RunAsync(["account", "delete", "--password-stdin", "--json"], null, newPassword + "\n"));
        await ExpectError(2, "cli.wrong_password", laptop.RunAsync(["account", "delete", "--yes", "--password-stdin", "--json"], null, oldPassword + "\n"));
        Assert.That(BlobFiles(server, vaultId), Is.Not.Empty, "positive control: the attachment and its entry are in the blob store");
        var deleted = await Expect(0, laptop.RunAsync(["account", "delete", "--yes", "--password-stdin", "--json"], null, newPassword + "\n"));
        Assert.That(deleted.GetProperty("deletedVaults").GetInt32(), Is.EqualTo(1));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (BlobFiles(server, vaultId).Length > 0 && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.That(BlobFiles(server, vaultId), Is.Empty, "the garbage collector removed the deleted vault's blobs");
        var dump = await DumpAsync(work, "deleted");
        var traces = Traces(await File.ReadAllLinesAsync(dump), [username, userId.ToString(), Convert.ToHexStringLower(userId.ToByteArray(bigEndian: true)), vaultId.ToString()]);
        // The audit log keeps ids and metadata of what the account did, never its name (ADR-0025).
        // Its newest events may still wait in the chainer's queue (ADR-0034).
        Assert.That(traces.Where(t => t.Table is "audit.events" or "audit.pending_events").Select(t => t.Line), Is.Not.Empty.And.None.Contain(username));
        Assert.That(traces.Where(t => t.Table is not ("auth.username_reservations" or "audit.events" or "audit.pending_events")).Select(t => $"{t.Table}: {t.Line}"), Is.Empty);
        Assert.That(traces.Where(t => t.Table == "auth.username_reservations").ToList(), Has.Count.EqualTo(1), "the reservation keeps the name and id");
        var scanner = new SecretScanner();
        foreach (var (name, canary) in new[] { ("hint", hintCanary), ("secret", secretCanary), ("file", fileCanary), ("old password", oldCanary), ("new password", newCanary) })
            scanner.AddText(name, canary);
        var hits = scanner.Scan([dump, server.DataDirectory], out var scanned);
        Assert.That(hits, Is.Empty);
        Assert.That(scanned, Is.GreaterThan(0));

        await ExpectError(2, "cli.not_logged_in", laptop.RunAsync(["whoami", "--json"]));
        await AssertRefreshRefusedAsync(server, fresh);
        await ExpectError(4, "auth.username_reserved", (await NewDeviceAsync(server, work)).RunAsync(["register", "-u", username, "--json"], newPassword, null));
    }

    private static async Task<PmCli> NewDeviceAsync(ServerProcess server, string work)
    {
        var pm = new PmCli(Path.Combine(work, $"cli-{Guid.NewGuid():N}"));
        await Expect(0, pm.RunAsync("config", "server", server.Address.ToString()));
        return pm;
    }

    /// <summary>The device's stored refresh token no longer works: its session is over.</summary>
    private static async Task AssertRefreshRefusedAsync(ServerProcess server, PmCli device)
    {
        var stored = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(device.ConfigDirectory, "session.json")));
        var refreshToken = stored.RootElement.GetProperty("refreshToken").GetString();
        using var http = new HttpClient { BaseAddress = server.Address };
        using var response = await http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> PreloginIterationsAsync(ServerProcess server, string username)
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        using var response = await http.PostAsJsonAsync("api/v1/auth/prelogin", new { username });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kdf").GetProperty("iterations").GetInt32();
    }

    private static Task<string> DumpAsync(string work, string name) =>
        PostgresDump.WriteAsync(E2eEnvironment.Database, Path.Combine(work, $"dump-{name}.sql"));

    private static string[] BlobFiles(ServerProcess server, Guid vaultId)
    {
        var folder = Path.Combine(server.DataDirectory, "blobs", "vaults", vaultId.ToString("N"));
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>Dump lines that contain any of <paramref name="needles"/>, with the table whose COPY block holds them.</summary>
    private static List<(string Table, string Line)> Traces(IEnumerable<string> lines, string[] needles)
    {
        var traces = new List<(string, string)>();
        var table = "";
        foreach (var line in lines)
        {
            if (line.StartsWith("COPY ", StringComparison.Ordinal)) table = line.Split(' ')[1];
            else if (line == "\\.") table = "";
            else if (needles.Any(n => line.Contains(n, StringComparison.OrdinalIgnoreCase))) traces.Add((table, line));
        }

        return traces;
    }
}
