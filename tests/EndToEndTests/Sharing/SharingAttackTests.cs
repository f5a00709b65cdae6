using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.Sharing;

/// <summary>
/// A malicious server (simulated by editing its database directly) tries to make a client use or hand out a key it
/// should not: every attempt must fail closed in pm, with a non-zero exit and nothing shared or accepted.
/// </summary>
public sealed class SharingAttackTests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task ASubstitutedRecipientKeyIsRefusedUntilTrustedAgain()
    {
        var (alice, alicePassword) = await NewAccountAsync("alice");
        var (carol, _) = await NewAccountAsync("carol");
        var carolName = CliProfile.Username(carol);
        var carolId = CliProfile.UserId(carol);
        await Expect(0, alice.RunAsync(["vault", "create", "Ops", "--json"], alicePassword, null));
        var trusted = await Expect(0, alice.RunAsync(["trust", carolName, "--yes", "--json"], null, null));
        Assert.That(trusted.GetProperty("fingerprint").GetString(), Is.EqualTo(CliProfile.Bundle(carol).Fingerprint));

        // The server now hands out a bundle for carol's id made from keys it controls (validly self-signed).
        using var attacker = AccountKeys.Create(carolId);
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database,
            $"UPDATE auth.users SET public_key_bundle = decode('{Convert.ToHexString(attacker.PublicBundle.ToArray())}', 'hex') WHERE id = '{carolId}'");

        var refused = await ExpectError(5, "cli.key_changed", alice.RunAsync(["share", "Ops", carolName, "--permission", "read", "--json"], alicePassword, null));
        Assert.That(refused.GetProperty("message").GetString(), Does.Contain("pm trust").And.Contain(attacker.PublicBundle.Fingerprint));
        var shown = await Expect(5, alice.RunAsync(["fingerprint", carolName, "--json"], null, null));
        Assert.That(shown.GetProperty("pinned").GetString(), Is.EqualTo("changed"));
        Assert.That(await MemberCountAsync(carolId), Is.EqualTo("0"), "nothing was shared with the substituted key");

        // Without a prompt, trust needs --yes; with it (after comparing) the new key is pinned and sharing works again.
        await ExpectError(1, "cli.usage", alice.RunAsync(["trust", carolName, "--json"], null, null));
        await Expect(0, alice.RunAsync(["trust", carolName, "--yes", "--json"], null, null));
        await Expect(0, alice.RunAsync(["share", "Ops", carolName, "--permission", "read", "--json"], alicePassword, null));
        Assert.That(await MemberCountAsync(carolId), Is.EqualTo("1"));
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task ForgedReplayedOrMovedRecordsAndEntriesAreRefused()
    {
        var (alice, alicePassword) = await NewAccountAsync("alice");
        var (bob, bobPassword) = await NewAccountAsync("bob");
        var (carol, carolPassword) = await NewAccountAsync("carol");
        var (dave, davePassword) = await NewAccountAsync("dave");
        var (bobId, carolId, daveId) = (CliProfile.UserId(bob), CliProfile.UserId(carol), CliProfile.UserId(dave));
        var vault1 = (await Expect(0, alice.RunAsync(["vault", "create", "One", "--json"], alicePassword, null))).GetProperty("vaultId").GetGuid();
        await Expect(0, alice.RunAsync(["add", "--vault", "One", "--name", "First", "--no-password", "--json"], alicePassword, null));
        foreach (var (who, level) in new[] { (bob, "write"), (carol, "read"), (dave, "read") })
            await Expect(0, alice.RunAsync(["share", "One", CliProfile.Username(who), "--permission", level, "--json"], alicePassword, null));

        // 1. A record whose signature does not verify: dave's key is refused.
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database,
            $"UPDATE vault.access_records SET granter_signature = overlay(granter_signature placing '\\x00'::bytea from 1 for 1) WHERE vault_id = '{vault1}' AND user_id = '{daveId}'");
        var daveVaults = await Expect(0, dave.RunAsync(["vault", "list", "--json"], davePassword, null));
        Assert.That(daveVaults.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("vaultId").GetGuid()), Does.Not.Contain(vault1));
        Assert.That(SkippedReason(daveVaults, vault1), Does.Contain("refused").And.Contain("signature"));
        await ExpectError(5, "cli.untrusted_record", dave.RunAsync(["members", vault1.ToString(), "--json"], davePassword, null));
        var byName = await ExpectError(4, "cli.not_found", dave.RunAsync(["members", "One", "--json"], davePassword, null));
        Assert.That(byName.GetProperty("message").GetString(), Does.Contain("could not be opened").And.Contain("signature"));

        // 2. A record signed by a member who is not an admin (bob, write, with the real vault key): carol's key is refused.
        await Expect(0, bob.RunAsync(["sync", "--json"], bobPassword, null));
        using (var bobKeys = CliProfile.Unlock(bob, bobPassword))
        {
            var held = CliProfile.Cache(bob, bobKeys).Vaults[vault1].Access;
            using var key = VaultKey.Unwrap(
                new AccessGrant(vault1, held.UserId, held.KeyEpoch, (AccessPermission)(int)held.Permission, held.GranterId, held.WrappedKey, held.GranterSignature),
                CliProfile.Bundle(alice), bobKeys);
            var forged = key.WrapFor(CliProfile.Bundle(carol), AccessPermission.Admin, bobKeys);
            await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"""
                UPDATE vault.access_records SET permission = 'Admin', granter_id = '{bobId}',
                    wrapped_key = decode('{Convert.ToHexString(forged.WrappedKey)}', 'hex'), granter_signature = decode('{Convert.ToHexString(forged.Signature)}', 'hex')
                WHERE vault_id = '{vault1}' AND user_id = '{carolId}'
                """);
        }

        var carolVaults = await Expect(0, carol.RunAsync(["vault", "list", "--json"], carolPassword, null));
        Assert.That(carolVaults.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("vaultId").GetGuid()), Does.Not.Contain(vault1));
        Assert.That(SkippedReason(carolVaults, vault1), Does.Contain("not an admin"));

        // 3. A record replayed from an older epoch: after bob is revoked from vault two, carol's epoch-1 record is put back.
        var vault2 = (await Expect(0, alice.RunAsync(["vault", "create", "Two", "--json"], alicePassword, null))).GetProperty("vaultId").GetGuid();
        await Expect(0, alice.RunAsync(["add", "--vault", "Two", "--name", "Second", "--no-password", "--json"], alicePassword, null));
        await Expect(0, alice.RunAsync(["add", "--vault", "Two", "--name", "Third", "--no-password", "--json"], alicePassword, null));
        await Expect(0, alice.RunAsync(["share", "Two", CliProfile.Username(bob), "--permission", "read", "--json"], alicePassword, null));
        await Expect(0, alice.RunAsync(["share", "Two", CliProfile.Username(carol), "--permission", "read", "--json"], alicePassword, null));
        var epochOne = await PostgresSql.ExecuteAsync(E2eEnvironment.Database,
            $"SELECT encode(wrapped_key, 'hex') || '|' || encode(granter_signature, 'hex') FROM vault.access_records WHERE vault_id = '{vault2}' AND user_id = '{carolId}'");
        await Expect(0, alice.RunAsync(["revoke", "Two", CliProfile.Username(bob), "--json"], alicePassword, null));
        var (oldWrapped, oldSignature) = (epochOne.Split('|')[0], epochOne.Split('|')[1]);
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"""
            UPDATE vault.access_records SET key_epoch = 1, wrapped_key = decode('{oldWrapped}', 'hex'), granter_signature = decode('{oldSignature}', 'hex')
            WHERE vault_id = '{vault2}' AND user_id = '{carolId}'
            """);
        carolVaults = await Expect(0, carol.RunAsync(["vault", "list", "--json"], carolPassword, null));
        Assert.That(carolVaults.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("vaultId").GetGuid()), Does.Not.Contain(vault2));
        Assert.That(SkippedReason(carolVaults, vault2), Does.Contain("epoch 1").And.Contain("epoch 2"));

        // 4. Entry ciphertexts moved to another epoch or another vault: a new device of alice refuses both.
        var entries = (await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"SELECT id FROM vault.entries WHERE vault_id = '{vault2}' ORDER BY id"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"UPDATE vault.entries SET key_epoch = 1 WHERE id = '{entries[0]}'");
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"UPDATE vault.entries SET vault_id = '{vault1}', key_epoch = 1 WHERE id = '{entries[1]}'");
        var fresh = await LoginElsewhereAsync(alice, alicePassword);
        var sync = await fresh.RunAsync(["sync", "--json"], alicePassword, null);
        Assert.That(sync.ExitCode, Is.EqualTo(5), sync.ToString());
        Assert.That(sync.Stderr, Does.Contain($"REFUSED entry {entries[0]}").And.Contain("claims key epoch 1"));
        Assert.That(sync.Stderr, Does.Contain($"REFUSED entry {entries[1]}").And.Contain("does not decrypt"));
    }

    private static string SkippedReason(System.Text.Json.JsonElement listing, Guid vaultId) =>
        listing.GetProperty("skipped").EnumerateArray().Single(s => s.GetProperty("vaultId").GetGuid() == vaultId).GetProperty("reason").GetString()!;

    private static Task<string> MemberCountAsync(Guid userId) =>
        PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"SELECT count(*) FROM vault.access_records WHERE user_id = '{userId}' AND revoked_at IS NULL");
}
