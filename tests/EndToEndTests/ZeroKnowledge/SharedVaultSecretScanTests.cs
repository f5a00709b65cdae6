using System.Runtime.Versioning;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.ZeroKnowledge;

/// <summary>
/// The sharing tour, then a scan: neither user's master password, keys or entry plaintexts (written by either of
/// them, before and after the re-key) appear in the database dump, the blob store, the server's files, its log or
/// either CLI profile.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SharedVaultSecretScanTests
{
    [Test]
    [CancelAfter(240_000)]
    public async Task NoSecretOfEitherUserAfterShareWriteAndRevoke(CancellationToken cancellationToken)
    {
        var (alice, alicePassword) = await NewAccountAsync("zka");
        var (bob, bobPassword) = await NewAccountAsync("zkb");
        var canaries = new Dictionary<string, string>
        {
            ["vault name"] = $"SHAREDVAULTCANARY{Guid.NewGuid():N}",
            ["alice entry name"] = $"ALICENAMECANARY{Guid.NewGuid():N}",
            ["alice password"] = $"ALICEPASSCANARY{Guid.NewGuid():N}",
            ["bob entry name"] = $"BOBNAMECANARY{Guid.NewGuid():N}",
            ["bob password"] = $"BOBPASSCANARY{Guid.NewGuid():N}",
            ["after re-key name"] = $"REKEYNAMECANARY{Guid.NewGuid():N}",
            ["after re-key password"] = $"REKEYPASSCANARY{Guid.NewGuid():N}",
        };
        var vault = canaries["vault name"];
        await Expect(0, alice.RunAsync(["vault", "create", vault], alicePassword, null));
        await Expect(0, alice.RunAsync(["add", "--vault", vault, "--name", canaries["alice entry name"], "--entry-password-stdin"], alicePassword, canaries["alice password"] + "\n"));
        await Expect(0, alice.RunAsync(["share", vault, CliProfile.Username(bob), "--permission", "write"], alicePassword, null));
        await Expect(0, bob.RunAsync(["add", "--vault", vault, "--name", canaries["bob entry name"], "--entry-password-stdin"], bobPassword, canaries["bob password"] + "\n"));
        var read = await Expect(0, bob.RunAsync(["get", canaries["alice entry name"], "--vault", vault, "--show-password", "--json"], bobPassword, null));
        Assert.That(read.GetProperty("password").GetString(), Is.EqualTo(canaries["alice password"]), "positive control: bob reads alice's entry");
        await Expect(0, alice.RunAsync(["revoke", vault, CliProfile.Username(bob)], alicePassword, null));
        await Expect(0, alice.RunAsync(["add", "--vault", vault, "--name", canaries["after re-key name"], "--entry-password-stdin"], alicePassword, canaries["after re-key password"] + "\n"));
        await Expect(0, bob.RunAsync(["sync"], bobPassword, null));

        var scanner = new SecretScanner();
        foreach (var (pm, password) in new[] { (alice, alicePassword), (bob, bobPassword) })
        {
            scanner.AddText($"{CliProfile.Username(pm)} master password", password);
            var keys = await DeriveAsync(CliProfile.Username(pm), password, cancellationToken);
            foreach (var (name, value) in keys.Secrets()) scanner.AddBytes($"{CliProfile.Username(pm)} {name}", value);
        }

        foreach (var (name, value) in canaries) scanner.AddText(name, value);
        var server = ServerFixture.Server;
        var dump = await PostgresDump.WriteAsync(E2eEnvironment.Database, Path.Combine(ServerFixture.WorkFolder, $"dump-shared-{Guid.NewGuid():N}.sql"));
        var hits = scanner.Scan([dump, E2eEnvironment.S3Directory, server.DataDirectory, server.LogFile, alice.ConfigDirectory, bob.ConfigDirectory], out var filesScanned);

        var control = new SecretScanner();
        control.AddBytes("bob's bundle", CliProfile.Bundle(bob).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(hits, Is.Empty);
            Assert.That(filesScanned, Is.GreaterThanOrEqualTo(10));
            Assert.That(File.Exists(Path.Combine(alice.ConfigDirectory, "pins.json")), Is.True, "alice's pins were scanned");
            Assert.That(File.GetUnixFileMode(Path.Combine(alice.ConfigDirectory, "pins.json")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(control.Scan([dump, alice.ConfigDirectory], out _), Has.Count.GreaterThanOrEqualTo(2), "positive control: bob's bundle is in the dump and in alice's pins");
            Assert.That(File.ReadAllText(server.LogFile), Does.Contain("/rekey"), "positive control: the log holds the re-key request");
        });
    }

    private static async Task<IndependentKeys> DeriveAsync(string username, string password, CancellationToken cancellationToken)
    {
        using var client = new PmClient(new PmClientOptions { BaseAddress = ServerFixture.Server.Address }, new InMemoryTokenStore());
        var prelogin = await client.Auth.PreloginAsync(new PreloginRequest(username), cancellationToken);
        byte[] authHash;
        using (var masterKey = Client.Crypto.Kdf.MasterKey.Derive(password, prelogin.KdfSalt, prelogin.Kdf)) authHash = masterKey.DeriveAuthHash();
        var login = await client.Auth.LoginAsync(new LoginRequest(username, authHash, new DeviceInfo(Guid.NewGuid(), "e2e scanner", DeviceType.Server)), cancellationToken);
        return IndependentKeys.Derive(password, login.Account);
    }
}
