using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>pm import --from (Bitwarden, KeePass, 1Password, mapped CSV) and pm export --plaintext against the real server, with sample exports written for these tests.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ImportCliTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Cli", "ImportSamples", name);

    [Test]
    [CancelAfter(180_000)]
    public async Task BitwardenJsonImportsEverythingItCanAndReportsTheRest()
    {
        var (pm, password) = await NewAccountAsync("bwjson");

        var dry = await Expect(0, pm.RunAsync(["import", "--from", "bitwarden", Sample("bitwarden.json"), "--dry-run", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(dry.GetProperty("wouldCreate").EnumerateArray().Select(e => e.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "GitHub", "db-prod-01 (root)", "Wi-Fi at home", "Test Visa", "Me", "Mastodon" }));
            Assert.That(dry.GetProperty("duplicates").EnumerateArray().Single().GetProperty("name").GetString(), Is.EqualTo("github"));
            Assert.That(dry.GetProperty("attachmentsNotImported").EnumerateArray().Single().GetProperty("file").GetString(), Is.EqualTo("id_ed25519.pub"));
        });
        var afterDryRun = await Expect(0, pm.RunAsync(["vault", "list", "--json"], password, null));
        Assert.That(afterDryRun.GetProperty("items").GetArrayLength(), Is.Zero, "a dry run sends nothing, not even the personal vault");

        var imported = await pm.RunAsync(["import", "--from", "bitwarden", Sample("bitwarden.json"), "--json"], password, null);
        var result = JsonDocument.Parse(imported.Stdout).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(imported.ExitCode, Is.Zero, imported.ToString());
            Assert.That(result.GetProperty("created").GetInt32(), Is.EqualTo(6));
            Assert.That(imported.Stderr, Does.Contain("Old forum").And.Contain("trash"));
            Assert.That(imported.Stderr, Does.Contain("Mastodon").And.Contain("passkey"));
            Assert.That(imported.Stderr, Does.Contain("id_ed25519.pub"));
            Assert.That(imported.Stderr, Does.Contain("duplicates an earlier item in the file"));
        });

        var github = await Expect(0, pm.RunAsync(["get", "GitHub", "--show-password", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(github.GetProperty("username").GetString(), Is.EqualTo("alice@example.test"));
            Assert.That(github.GetProperty("password").GetString(), Is.EqualTo("Sample-Pa55word, with \"quotes\" and commas"));
            Assert.That(github.GetProperty("url").GetString(), Is.EqualTo("https://github.com/login"));
            Assert.That(github.GetProperty("urls").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { "https://gist.github.com" }));
            Assert.That(github.GetProperty("folder").GetString(), Is.EqualTo("Work"));
            Assert.That(github.GetProperty("totp").GetString(), Does.StartWith("otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP"));
            Assert.That(github.GetProperty("notes").GetString(), Does.Contain("Ünïcödé ✓"));
            Assert.That(github.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "Recovery email", "PIN", "2FA enabled", "Login name" }));
        });
        var pin = await pm.RunAsync(["read", "pm://Personal/GitHub/PIN"], password, null);
        Assert.That(pin.Stdout.TrimEnd('\n'), Is.EqualTo("482915"), pin.ToString());
        var server = await Expect(0, pm.RunAsync(["get", "db-prod-01 (root)", "--json"], password, null));
        Assert.That(server.GetProperty("folder").GetString(), Is.EqualTo("Work/Servers"));

        var again = await Expect(0, pm.RunAsync(["import", "--from", "bitwarden", Sample("bitwarden.json"), "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(again.GetProperty("created").GetInt32(), Is.Zero, "a second import finds every entry already there");
            Assert.That(again.GetProperty("duplicates").GetArrayLength(), Is.EqualTo(7));
        });
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ABitwardenExportRoundTripsThroughImportAndPlaintextExport()
    {
        var (pm, password) = await NewAccountAsync("bwround");
        await Expect(0, pm.RunAsync(["import", "--from", "bitwarden", Sample("bitwarden.json"), "--json"], password, null));

        var target = Path.Combine(pm.ConfigDirectory, "..", $"plain-{Guid.NewGuid():N}.json");
        var refused = await pm.RunAsync(["export", "--plaintext", target, "--json"], password, null);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(File.Exists(target), Is.False, "no confirmation, no file");

        var exported = await pm.RunAsync(["export", "--plaintext", target, "--yes", "--json"], password, null);
        Assert.Multiple(() =>
        {
            Assert.That(exported.ExitCode, Is.Zero, exported.ToString());
            Assert.That(exported.Stderr, Does.Contain("warning:").And.Contain("clear text"));
            Assert.That(File.GetUnixFileMode(target), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(target))!, "*.pm-partial"), Is.Empty);
        });

        var source = JsonNode.Parse(File.ReadAllText(Sample("bitwarden.json")))!;
        var output = JsonNode.Parse(File.ReadAllText(target))!;
        Assert.That(output["encrypted"]!.GetValue<bool>(), Is.False);
        // Every item the import kept (not the trashed one, not the duplicate) comes back with the same content. Not
        // compared: ids and folder ids (new ones; folders are compared by name), revision and creation dates (the
        // server's), passkeys and attachments (reported as not imported).
        var expected = source["items"]!.AsArray().Where(i => i!["deletedDate"] is null && i["name"]!.GetValue<string>() != "github").ToList();
        var actual = output["items"]!.AsArray().ToList();
        Assert.That(actual.Select(i => i!["name"]!.GetValue<string>()), Is.EquivalentTo(expected.Select(i => i!["name"]!.GetValue<string>())));
        foreach (var want in expected)
        {
            var name = want!["name"]!.GetValue<string>();
            var got = actual.Single(i => i!["name"]!.GetValue<string>() == name)!;
            Assert.Multiple(() =>
            {
                Assert.That(Folder(output, got), Is.EqualTo(Folder(source, want)), name);
                foreach (var member in new[] { "type", "reprompt", "notes", "favorite", "secureNote", "card", "identity", "passwordHistory" })
                    Assert.That(Json(got[member]), Is.EqualTo(Json(want[member])), $"{name}: {member}");
                Assert.That(Json(got["fields"]), Is.EqualTo(Json(want["fields"] ?? new JsonArray())), $"{name}: fields");
                foreach (var member in new[] { "uris", "username", "password", "totp" })
                    Assert.That(Json(got["login"]?[member]), Is.EqualTo(Json(want["login"]?[member])), $"{name}: login.{member}");
            });
        }

        // And the plaintext export is itself an importable Bitwarden export: a second account gets the same entries.
        var (other, otherPassword) = await NewAccountAsync("bwround2");
        var reimported = await Expect(0, other.RunAsync(["import", "--from", "bitwarden", target, "--json"], otherPassword, null));
        Assert.That(reimported.GetProperty("created").GetInt32(), Is.EqualTo(expected.Count));
        File.Delete(target);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task BitwardenCsvKeepsQuotedNotesFieldsAndSeveralUrls()
    {
        var (pm, password) = await NewAccountAsync("bwcsv");
        var result = await Expect(0, pm.RunAsync(["import", "--from", "bitwarden", Sample("bitwarden.csv"), "--json"], password, null));
        Assert.That(result.GetProperty("created").GetInt32(), Is.EqualTo(3));

        var jira = await Expect(0, pm.RunAsync(["get", "Jira", "--show-password", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(jira.GetProperty("password").GetString(), Is.EqualTo("Pa\"ss,word-sample"));
            Assert.That(jira.GetProperty("notes").GetString(), Is.EqualTo("Line one\nLine two, with a comma"));
            Assert.That(jira.GetProperty("url").GetString(), Is.EqualTo("https://jira.example.test"));
            Assert.That(jira.GetProperty("urls")[0].GetString(), Is.EqualTo("https://jira-backup.example.test"));
            Assert.That(jira.GetProperty("favorite").GetBoolean(), Is.True);
            Assert.That(jira.GetProperty("folder").GetString(), Is.EqualTo("Work"));
            Assert.That(jira.GetProperty("totp").GetString(), Does.Contain("KRSXG5CTMVRXEZLU"));
            Assert.That(jira.GetProperty("fields").EnumerateArray().Select(f => $"{f.GetProperty("name").GetString()}={f.GetProperty("value").GetString()}"),
                Is.EqualTo(new[] { "Team=Platform", "PIN=0042" }));
        });
        var locker = await Expect(0, pm.RunAsync(["get", "Locker code", "--json"], password, null));
        Assert.That(locker.GetProperty("type").GetString(), Is.EqualTo("note"));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task KeePassXmlKeepsGroupsCustomStringsAndOtpAndSkipsTheRecycleBinAndHistory()
    {
        var (pm, password) = await NewAccountAsync("kpxml");
        var run = await pm.RunAsync(["import", "--from", "keepass", Sample("keepass.xml"), "--json"], password, null);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var result = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("created").GetInt32(), Is.EqualTo(3));
            Assert.That(run.Stderr, Does.Contain("recycle bin"));
            Assert.That(result.GetProperty("attachmentsNotImported")[0].GetProperty("file").GetString(), Is.EqualTo("backup-codes.txt"));
        });

        var router = await Expect(0, pm.RunAsync(["get", "Router admin", "--show-password", "--json"], password, null));
        Assert.That(router.GetProperty("password").GetString(), Is.EqualTo("r0uter-sample <&>"), "the current value, not the history's");
        Assert.That(router.TryGetProperty("folder", out _), Is.False, "entries of the root group have no folder");

        var mail = await Expect(0, pm.RunAsync(["get", "Mail", "--show-password", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(mail.GetProperty("folder").GetString(), Is.EqualTo("Email"));
            Assert.That(mail.GetProperty("urls")[0].GetString(), Is.EqualTo("https://webmail.example.test"));
            Assert.That(mail.GetProperty("totp").GetString(), Does.Contain("GEZDGNBVGY3TQOJQ"));
            var fields = mail.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);
            Assert.That(fields["Security question"].GetProperty("value").GetString(), Is.EqualTo("First pet: Sample"));
            Assert.That(fields["PIN"].GetProperty("type").GetString(), Is.EqualTo("hidden"));
        });
        var vpn = await Expect(0, pm.RunAsync(["get", "vpn.example.test", "--show-password", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(vpn.GetProperty("folder").GetString(), Is.EqualTo("Email/Work"));
            Assert.That(vpn.GetProperty("totp").GetString(), Is.EqualTo("MFRGGZDFMZTWQ2LK"));
        });
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task KeePassXcCsvAndMappedCsv()
    {
        var (pm, password) = await NewAccountAsync("kpcsv");
        var keepass = await Expect(0, pm.RunAsync(["import", "--from", "keepass", Sample("keepassxc.csv"), "--json"], password, null));
        Assert.That(keepass.GetProperty("created").GetInt32(), Is.EqualTo(2));
        var shop = await Expect(0, pm.RunAsync(["get", "Shop", "--show-password", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(shop.GetProperty("password").GetString(), Is.EqualTo("shop \"quoted\" pw"));
            Assert.That(shop.GetProperty("folder").GetString(), Is.EqualTo("Shopping"));
        });
        var bank = await Expect(0, pm.RunAsync(["get", "Bank", "--show-password", "--json"], password, null));
        Assert.That(bank.GetProperty("totp").GetString(), Does.Contain("NBSWY3DPO5XXE3DE"));

        await ExpectError(1, "cli.import_invalid", pm.RunAsync(["import", "--from", "csv", Sample("generic.csv"), "--map", "name=Nope", "--json"], password, null));
        var mapped = await Expect(0, pm.RunAsync(
            ["import", "--from", "csv", Sample("generic.csv"), "--map", "name=Site Name,username=login name,password=Secret,url=Address,notes=Comment,folder=Category,field.Customer=Customer No", "--json"],
            password, null));
        Assert.That(mapped.GetProperty("created").GetInt32(), Is.EqualTo(2));
        var electricity = await Expect(0, pm.RunAsync(["get", "Electricity", "--show-password", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(electricity.GetProperty("password").GetString(), Is.EqualTo("elec-sample-pw"));
            Assert.That(electricity.GetProperty("notes").GetString(), Is.EqualTo("Meter 123, sample"));
            Assert.That(electricity.GetProperty("folder").GetString(), Is.EqualTo("Utilities"));
            Assert.That(electricity.GetProperty("fields")[0].GetProperty("value").GetString(), Is.EqualTo("C-0001"));
        });
        var water = await Expect(0, pm.RunAsync(["get", "Water", "--json"], password, null));
        Assert.That(water.TryGetProperty("fields", out _), Is.False, "an empty mapped column is no field");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task OnePasswordOnePuxAndCsv()
    {
        var (pm, password) = await NewAccountAsync("onepux");
        var onePux = Path.Combine(pm.ConfigDirectory, "..", $"sample-{Guid.NewGuid():N}.1pux");
        using (var zip = ZipFile.Open(onePux, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(Sample("onepassword-export.data.json"), "export.data");
            await using (var attributes = new StreamWriter(zip.CreateEntry("export.attributes").Open()))
                await attributes.WriteAsync("""{"version":3,"description":"1Password Unencrypted Export","createdAt":1635346445}""");
            await using (var file = new StreamWriter(zip.CreateEntry("files/sampledoc1__receipt.pdf").Open()))
                await file.WriteAsync("%PDF-sample");
        }

        var run = await pm.RunAsync(["import", "--from", "1password", onePux, "--json"], password, null);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var result = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("created").GetInt32(), Is.EqualTo(3));
            Assert.That(run.Stderr, Does.Contain("trash"));
            Assert.That(result.GetProperty("attachmentsNotImported").EnumerateArray().Select(a => a.GetProperty("file").GetString()),
                Is.EquivalentTo(new[] { "receipt.pdf", "passport-scan.pdf" }));
        });
        var dropbox = await Expect(0, pm.RunAsync(["get", "Dropbox", "--show-password", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(dropbox.GetProperty("username").GetString(), Is.EqualTo("alice@example.test"));
            Assert.That(dropbox.GetProperty("password").GetString(), Is.EqualTo("dropbox-sample-pw"));
            Assert.That(dropbox.GetProperty("folder").GetString(), Is.EqualTo("Private"));
            Assert.That(dropbox.GetProperty("totp").GetString(), Does.Contain("ONSWG4TFOQYTEMZU"));
            Assert.That(dropbox.GetProperty("favorite").GetBoolean(), Is.True);
            Assert.That(dropbox.GetProperty("urls")[0].GetString(), Is.EqualTo("https://dropbox.example.test"));
            var fields = dropbox.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString());
            Assert.That(fields["recovery key"], Is.EqualTo("RK-SAMPLE-0001"));
            Assert.That(fields["plan"], Is.EqualTo("Plus"));
            Assert.That(fields["tags"], Is.EqualTo("cloud, work"));
        });
        var alarm = await Expect(0, pm.RunAsync(["get", "Alarm", "--json"], password, null));
        Assert.That(alarm.GetProperty("type").GetString(), Is.EqualTo("note"));

        var csv = await Expect(0, pm.RunAsync(["import", "--from", "1password", Sample("onepassword.csv"), "--json"], password, null));
        Assert.That(csv.GetProperty("created").GetInt32(), Is.EqualTo(2));
        var srv = await Expect(0, pm.RunAsync(["get", "Server", "--show-password", "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(srv.GetProperty("password").GetString(), Is.EqualTo("srv,sample"));
            Assert.That(srv.GetProperty("totp").GetString(), Does.Contain("MZXW6YTBOI"));
        });
        File.Delete(onePux);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task AFileThatDoesNotParseSendsNothing()
    {
        var (pm, password) = await NewAccountAsync("badimp");
        var broken = Path.Combine(pm.ConfigDirectory, "..", $"broken-{Guid.NewGuid():N}.json");
        var text = File.ReadAllText(Sample("bitwarden.json"));
        await File.WriteAllTextAsync(broken, text.Replace("\"name\": \"Me\"", "\"name\": \"\"", StringComparison.Ordinal));
        var error = await ExpectError(1, "cli.import_invalid", pm.RunAsync(["import", "--from", "bitwarden", broken, "--json"], password, null));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("item 5").And.Contain("Nothing was imported"));
        await ExpectError(1, "cli.usage", pm.RunAsync(["import", "--from", "keepass", Sample("bitwarden.json"), "--json"], password, null));
        var vaults = await Expect(0, pm.RunAsync(["vault", "list", "--json"], password, null));
        Assert.That(vaults.GetProperty("items").GetArrayLength(), Is.Zero, "nothing was sent, not even the personal vault");
        File.Delete(broken);
    }

    private static string? Folder(JsonNode document, JsonNode item) =>
        item["folderId"]?.GetValue<string>() is { } id
            ? document["folders"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == id)!["name"]!.GetValue<string>()
            : null;

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";
}
