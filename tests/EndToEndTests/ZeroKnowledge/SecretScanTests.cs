using System.Runtime.Versioning;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.EndToEndTests.Cli;
using PasswordManager.EndToEndTests.Infrastructure;

namespace PasswordManager.EndToEndTests.ZeroKnowledge;

/// <summary>
/// After a full CLI session, nothing the server or the CLI stored or logged contains the master password
/// (or the canary inside it), the master key, authHash, KEK, USK or a private key, nor any field of an entry, nor the
/// name or content of an attached file.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretScanTests
{
    private const UnixFileMode ownerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode ownerAll = ownerReadWrite | UnixFileMode.UserExecute;

    [Test]
    [CancelAfter(180_000)]
    public async Task NoSecretInDatabaseBlobsServerFilesCliConfigOrLog(CancellationToken cancellationToken)
    {
        var server = ServerFixture.Server;
        var pm = ServerFixture.NewCli();
        var username = TestUsers.NewUsername("scan");
        var (password, canary) = TestUsers.NewPassword();

        await AccountLifecycleTests.Expect(0, pm.RunAsync("config", "server", server.Address.ToString()));
        await AccountLifecycleTests.Expect(0, pm.RunAsync(["register", "-u", username, "--hint", "plain hint by design"], password, stdin: null));
        await AccountLifecycleTests.Expect(0, pm.RunAsync(["login", "-u", username, "--password-stdin"], password: null, stdin: password));
        await AccountLifecycleTests.Expect(0, pm.RunAsync("whoami"));
        await AccountLifecycleTests.Expect(0, pm.RunAsync("sessions"));

        // Entries whose every field is a canary: none may appear in plaintext anywhere, the local cache included.
        var entryCanaries = new Dictionary<string, string>
        {
            ["entry name"] = $"NAMECANARY{Guid.NewGuid():N}",
            ["entry username"] = $"USERCANARY{Guid.NewGuid():N}",
            ["entry password"] = $"PASSCANARY{Guid.NewGuid():N}",
            ["entry notes"] = $"NOTESCANARY{Guid.NewGuid():N}",
            ["vault name"] = $"VAULTCANARY{Guid.NewGuid():N}",
        };
        await AccountLifecycleTests.Expect(0, pm.RunAsync(["vault", "create", entryCanaries["vault name"]], password, stdin: null));
        await AccountLifecycleTests.Expect(0, pm.RunAsync(
            ["add", "--vault", entryCanaries["vault name"], "--name", entryCanaries["entry name"], "--username", entryCanaries["entry username"],
             "--notes", entryCanaries["entry notes"], "--entry-password-stdin"],
            password,
            stdin: entryCanaries["entry password"] + "\n"));
        await AccountLifecycleTests.Expect(0, pm.RunAsync(["edit", entryCanaries["entry name"], "--notes", entryCanaries["entry notes"] + "-v2"], password, stdin: null));
        var second = ServerFixture.NewCli();
        await AccountLifecycleTests.Expect(0, second.RunAsync("config", "server", server.Address.ToString()));
        await AccountLifecycleTests.Expect(0, second.RunAsync(["login", "-u", username], password, stdin: null));
        await AccountLifecycleTests.Expect(0, second.RunAsync(["sync"], password, stdin: null));
        var shown = await AccountLifecycleTests.Expect(0, second.RunAsync(["get", entryCanaries["entry name"], "--show-password", "--json"], password, stdin: null));
        Assert.That(shown.GetProperty("password").GetString(), Is.EqualTo(entryCanaries["entry password"]), "positive control: the entry round-trips");

        // An attachment whose name and content are canaries, crossing chunk boundaries: attached on one device,
        // downloaded byte-identical on the other.
        var fileCanaries = new Dictionary<string, string>
        {
            ["attachment file name"] = $"FILENAMECANARY{Guid.NewGuid():N}",
            ["attachment content"] = $"FILECONTENTCANARY{Guid.NewGuid():N}",
        };
        var plainFolder = Directory.CreateDirectory(Path.Combine(ServerFixture.WorkFolder, $"plain-{Guid.NewGuid():N}")).FullName;
        var attachmentSource = Path.Combine(plainFolder, fileCanaries["attachment file name"] + ".txt");
        var attachmentContent = System.Text.Encoding.UTF8.GetBytes(string.Concat(
            Enumerable.Range(0, 4000).Select(i => $"line {i}: {fileCanaries["attachment content"]}\n")));
        await File.WriteAllBytesAsync(attachmentSource, attachmentContent, cancellationToken);
        await AccountLifecycleTests.Expect(0, pm.RunAsync(["attach", entryCanaries["entry name"], attachmentSource], password, stdin: null));

        var sessionFile = Path.Combine(pm.ConfigDirectory, "session.json");
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(pm.ConfigDirectory), Is.EqualTo(ownerAll));
            Assert.That(File.GetUnixFileMode(sessionFile), Is.EqualTo(ownerReadWrite));
            Assert.That(File.GetUnixFileMode(Path.Combine(pm.ConfigDirectory, "config.json")), Is.EqualTo(ownerReadWrite));
            Assert.That(File.ReadAllText(sessionFile), Does.Contain("refreshToken").And.Not.Contain(canary));
        });

        var attachmentBack = Path.Combine(plainFolder, "downloaded.txt");
        await AccountLifecycleTests.Expect(0, second.RunAsync(
            ["download", entryCanaries["entry name"], fileCanaries["attachment file name"] + ".txt", "--out", attachmentBack], password, stdin: null));
        Assert.That(await File.ReadAllBytesAsync(attachmentBack, cancellationToken), Is.EqualTo(attachmentContent), "positive control: the attachment round-trips");

        var (keys, material) = await DeriveSecretsAsync(server.Address, username, password, cancellationToken);
        await AccountLifecycleTests.Expect(0, pm.RunAsync("whoami"));

        var dump = await PostgresDump.WriteAsync(E2eEnvironment.Database, Path.Combine(ServerFixture.WorkFolder, $"dump-{username}.sql"));
        var scanner = new SecretScanner();
        scanner.AddText("master password", password);
        scanner.AddText("canary", canary);
        foreach (var (name, value) in keys.Secrets()) scanner.AddBytes(name, value);
        foreach (var (name, value) in entryCanaries) scanner.AddText(name, value);
        foreach (var (name, value) in fileCanaries) scanner.AddText(name, value);
        string[] roots = [dump, E2eEnvironment.S3Directory, server.DataDirectory, pm.ConfigDirectory, second.ConfigDirectory, server.LogFile];

        var hits = scanner.Scan(roots, out var filesScanned);
        var control = new SecretScanner();
        control.AddBytes("public key bundle", material.PublicKeyBundle);

        Assert.Multiple(() =>
        {
            Assert.That(hits, Is.Empty);
            Assert.That(filesScanned, Is.GreaterThanOrEqualTo(9));
            Assert.That(File.Exists(Path.Combine(second.ConfigDirectory, "cache.bin")), Is.True, "the second device's local cache was scanned");
            Assert.That(File.GetUnixFileMode(Path.Combine(second.ConfigDirectory, "cache.bin")), Is.EqualTo(ownerReadWrite));
            Assert.That(control.Scan([dump], out _), Is.Not.Empty, "positive control: the scanner finds this account's stored bytes");
            Assert.That(scanner.Scan([plainFolder], out _), Has.Some.Contains("attachment content in"),
                "positive control: the scanner finds the attachment's canary in its plaintext");
            Assert.That(File.ReadAllText(server.LogFile), Does.Contain("/api/v1/auth/login"), "positive control: the log holds the requests");
        });
    }

    /// <summary>Logs in once more through the SDK's raw endpoints to get the encrypted keys, then opens them independently.</summary>
    private static async Task<(IndependentKeys Keys, UnlockMaterial Material)> DeriveSecretsAsync(Uri server, string username, string password, CancellationToken cancellationToken)
    {
        using var client = new PmClient(new PmClientOptions { BaseAddress = server }, new InMemoryTokenStore());
        var prelogin = await client.Auth.PreloginAsync(new PreloginRequest(username), cancellationToken);
        byte[] authHash;
        using (var masterKey = MasterKey.Derive(password, prelogin.KdfSalt, prelogin.Kdf)) authHash = masterKey.DeriveAuthHash();

        var device = new DeviceInfo(Guid.NewGuid(), "e2e scanner", DeviceType.Server);
        var login = await client.Auth.LoginAsync(new LoginRequest(username, authHash, device), cancellationToken);
        var keys = IndependentKeys.Derive(password, login.Account);
        Assert.That(keys.AuthHash, Is.EqualTo(authHash), "the independent derivation must agree with Client.Crypto");
        return (keys, login.Account);
    }
}
