using PasswordManager.Client.Crypto.Keys;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.Sharing;

/// <summary>
/// pm rotate-keys against the real server: the rotating user's vaults keep opening for everyone, a contact who pinned the
/// old key follows the signed hand-over without a key-change refusal, and a bundle change nobody signed is still refused.
/// </summary>
public sealed class KeyRotationTests
{
    [Test]
    [CancelAfter(240_000)]
    public async Task AContactFollowsTheSignedHandoverAndAnUnsignedKeyChangeIsStillRefused()
    {
        var (alice, alicePassword) = await NewAccountAsync("alice");
        var (bob, bobPassword) = await NewAccountAsync("bob");
        var aliceName = CliProfile.Username(alice);
        var bobName = CliProfile.Username(bob);
        var aliceId = CliProfile.UserId(alice);

        // alice shares Team with bob; bob shares his vault with alice. Both pinned each other; bob compared alice's safety number.
        await Expect(0, alice.RunAsync(["vault", "create", "Team", "--json"], alicePassword, null));
        await Expect(0, alice.RunAsync(["add", "--vault", "Team", "--name", "GitHub", "--entry-password-stdin", "--json"], alicePassword, "gh-pass\n"));
        await Expect(0, alice.RunAsync(["share", "Team", bobName, "--permission", "write", "--json"], alicePassword, null));
        await Expect(0, bob.RunAsync(["trust", aliceName, "--yes", "--json"], null, null));
        await Expect(0, bob.RunAsync(["vault", "create", "Bobs", "--json"], bobPassword, null));
        await Expect(0, bob.RunAsync(["add", "--vault", "Bobs", "--name", "Wiki", "--entry-password-stdin", "--json"], bobPassword, "wiki-pass\n"));
        await Expect(0, bob.RunAsync(["share", "Bobs", aliceName, "--permission", "read", "--json"], bobPassword, null));
        Assert.That((await Expect(0, bob.RunAsync(["get", "GitHub", "--vault", "Team", "--show-password", "--json"], bobPassword, null)))
            .GetProperty("password").GetString(), Is.EqualTo("gh-pass"));
        var oldBundle = CliProfile.Bundle(alice);

        var rotated = await Expect(0, alice.RunAsync(["rotate-keys", "--json"], alicePassword, null));

        Assert.That(rotated.GetProperty("vaults").GetInt32(), Is.EqualTo(2));
        Assert.That(rotated.GetProperty("accessRecords").GetInt32(), Is.EqualTo(3), "alice's two records and bob's record she signed");
        var newBundle = CliProfile.Bundle(alice);
        Assert.That(newBundle.Matches(oldBundle), Is.False);
        Assert.That(rotated.GetProperty("fingerprint").GetString(), Is.EqualTo(newBundle.Fingerprint));
        using (var keys = CliProfile.Unlock(alice, alicePassword))
            Assert.That(keys.PublicBundle.Matches(newBundle), Is.True, "keys.json holds the new private keys");

        // Both vaults still open for alice with her new keys, and Team for bob, whose record alice re-signed.
        Assert.That((await Expect(0, alice.RunAsync(["get", "GitHub", "--vault", "Team", "--show-password", "--json"], alicePassword, null)))
            .GetProperty("password").GetString(), Is.EqualTo("gh-pass"));
        Assert.That((await Expect(0, alice.RunAsync(["get", "Wiki", "--vault", "Bobs", "--show-password", "--json"], alicePassword, null)))
            .GetProperty("password").GetString(), Is.EqualTo("wiki-pass"));
        Assert.That((await Expect(0, bob.RunAsync(["get", "GitHub", "--vault", "Team", "--show-password", "--json"], bobPassword, null)))
            .GetProperty("password").GetString(), Is.EqualTo("gh-pass"));
        await Expect(0, bob.RunAsync(["add", "--vault", "Team", "--name", "AfterRotation", "--entry-password-stdin", "--json"], bobPassword, "after\n"));

        // bob's pin moved along the hand-over (it stays a compared one), and he shares a new vault with alice without a refusal.
        var pin = await Expect(0, bob.RunAsync(["fingerprint", aliceName, "--json"], null, null));
        Assert.That(pin.GetProperty("pinned").GetString(), Is.EqualTo("trusted"));
        Assert.That(pin.GetProperty("fingerprint").GetString(), Is.EqualTo(newBundle.Fingerprint));
        await Expect(0, bob.RunAsync(["vault", "create", "Second", "--json"], bobPassword, null));
        await Expect(0, bob.RunAsync(["add", "--vault", "Second", "--name", "Db", "--entry-password-stdin", "--json"], bobPassword, "db-pass\n"));
        await Expect(0, bob.RunAsync(["share", "Second", aliceName, "--permission", "read", "--json"], bobPassword, null));
        Assert.That((await Expect(0, alice.RunAsync(["get", "Db", "--vault", "Second", "--show-password", "--json"], alicePassword, null)))
            .GetProperty("password").GetString(), Is.EqualTo("db-pass"));
        Assert.That((await Expect(0, alice.RunAsync(["get", "AfterRotation", "--vault", "Team", "--show-password", "--json"], alicePassword, null)))
            .GetProperty("password").GetString(), Is.EqualTo("after"));

        // The server swaps in a validly self-signed bundle of keys it controls, without a hand-over from alice's key: refused.
        using var attacker = AccountKeys.Create(aliceId);
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database,
            $"UPDATE auth.users SET public_key_bundle = decode('{Convert.ToHexString(attacker.PublicBundle.ToArray())}', 'hex') WHERE id = '{aliceId}'");
        await Expect(0, bob.RunAsync(["vault", "create", "Third", "--json"], bobPassword, null));
        var refused = await ExpectError(5, "cli.key_changed", bob.RunAsync(["share", "Third", aliceName, "--permission", "read", "--json"], bobPassword, null));
        Assert.That(refused.GetProperty("message").GetString(), Does.Contain(attacker.PublicBundle.Fingerprint));
        var shown = await Expect(5, bob.RunAsync(["fingerprint", aliceName, "--json"], null, null));
        Assert.That(shown.GetProperty("pinned").GetString(), Is.EqualTo("changed"));
    }
}
