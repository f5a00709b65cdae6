using System.Net;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.Sharing;

/// <summary>Two users with the real pm and the real server: share, both read and write, revoke by re-key, and what the revoked user keeps.</summary>
public sealed class SharingTourTests
{
    [Test]
    [CancelAfter(240_000)]
    public async Task ShareBothWriteRevokeAndTheRevokedUserReadsNothingNew()
    {
        var (alice, alicePassword) = await NewAccountAsync("alice");
        var (bob, bobPassword) = await NewAccountAsync("bob");
        var bobName = CliProfile.Username(bob);
        var aliceName = CliProfile.Username(alice);

        var created = await Expect(0, alice.RunAsync(["vault", "create", "Team", "--json"], alicePassword, null));
        var vaultId = created.GetProperty("vaultId").GetGuid();
        await Expect(0, alice.RunAsync(["add", "--vault", "Team", "--name", "GitHub", "--username", "alice", "--entry-password-stdin", "--json"], alicePassword, "gh-pass-1\n"));
        await Expect(0, alice.RunAsync(["add", "--vault", "Team", "--name", "Mail", "--no-password", "--json"], alicePassword, null));

        // bob's key is pinned on first use; the dry-run of a share does not exist, the fingerprint does.
        var bobPrint = await Expect(0, alice.RunAsync(["fingerprint", bobName, "--json"], null, null));
        Assert.That(bobPrint.GetProperty("pinned").GetString(), Is.EqualTo("not-pinned"));
        var shared = await Expect(0, alice.RunAsync(["share", "Team", bobName, "--permission", "write", "--json"], alicePassword, null));
        Assert.That(shared.GetProperty("permission").GetString(), Is.EqualTo("write"));
        Assert.That(shared.GetProperty("key").GetString(), Is.EqualTo("pinned"));
        Assert.That(shared.GetProperty("fingerprint").GetString(), Is.EqualTo(CliProfile.Bundle(bob).Fingerprint), "the safety number bob computes from his own keys");

        // bob opens it (alice's signature checked against alice's bundle, pinned on first use), reads and writes.
        var bobVaults = await Expect(0, bob.RunAsync(["vault", "list", "--json"], bobPassword, null));
        Assert.That(bobVaults.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("name").GetString()), Does.Contain("Team"));
        var read = await Expect(0, bob.RunAsync(["get", "GitHub", "--vault", "Team", "--show-password", "--json"], bobPassword, null));
        Assert.That(read.GetProperty("password").GetString(), Is.EqualTo("gh-pass-1"));
        await Expect(0, bob.RunAsync(["add", "--vault", "Team", "--name", "BobWiki", "--entry-password-stdin", "--json"], bobPassword, "wiki-pass\n"));
        await Expect(0, bob.RunAsync(["edit", "Mail", "--vault", "Team", "--username", "bob-edited", "--json"], bobPassword, null));
        var byAlice = await Expect(0, alice.RunAsync(["get", "BobWiki", "--vault", "Team", "--show-password", "--json"], alicePassword, null));
        Assert.That(byAlice.GetProperty("password").GetString(), Is.EqualTo("wiki-pass"));
        var mail = await Expect(0, alice.RunAsync(["get", "Mail", "--vault", "Team", "--json"], alicePassword, null));
        Assert.That(mail.GetProperty("username").GetString(), Is.EqualTo("bob-edited"));

        var members = await Expect(0, alice.RunAsync(["members", "Team", "--json"], alicePassword, null));
        var items = members.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items.Select(m => m.GetProperty("recordVerified").GetBoolean()), Is.All.True);
        Assert.That(items.Select(m => m.GetProperty("key").GetString()), Is.EquivalentTo(new[] { "own", "pinned" }));
        var bobsView = await Expect(0, bob.RunAsync(["members", "Team", "--json"], bobPassword, null));
        Assert.That(bobsView.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("username").GetString() == aliceName)
            .GetProperty("key").GetString(), Is.EqualTo("pinned"));

        // An attachment makes the re-key go through a staged session (attachments are re-encrypted as streams).
        var file = Path.Combine(alice.ConfigDirectory, "..", $"notes-{Guid.NewGuid():N}.txt");
        var attachmentText = $"attachment body {Guid.NewGuid():N}";
        await File.WriteAllTextAsync(file, attachmentText);
        await Expect(0, alice.RunAsync(["attach", "GitHub", file, "--vault", "Team", "--name", "notes.txt", "--json"], alicePassword, null));

        // What bob keeps: his cached access record, which opens the epoch-1 key.
        using var bobKeys = CliProfile.Unlock(bob, bobPassword);
        var bobCache = CliProfile.Cache(bob, bobKeys);
        var kept = bobCache.Vaults[vaultId].Access;
        using var oldKey = VaultKey.Unwrap(
            new AccessGrant(vaultId, kept.UserId, kept.KeyEpoch, (AccessPermission)(int)kept.Permission, kept.GranterId, kept.WrappedKey, kept.GranterSignature),
            CliProfile.Bundle(alice), bobKeys);
        Assert.That(oldKey.Epoch, Is.EqualTo(1));

        var dryRun = await Expect(0, alice.RunAsync(["revoke", "Team", bobName, "--dry-run", "--json"], alicePassword, null));
        Assert.That(dryRun.GetProperty("entries").GetInt32(), Is.EqualTo(3));
        Assert.That(dryRun.GetProperty("newKeyEpoch").GetInt64(), Is.EqualTo(2));
        Assert.That(dryRun.GetProperty("exposed").EnumerateArray().Select(e => e.GetProperty("title").GetString()), Is.SupersetOf(new[] { "GitHub", "BobWiki" }));
        Assert.That(await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"SELECT key_epoch FROM vault.vaults WHERE id = '{vaultId}'"), Is.EqualTo("1"), "a dry run changes nothing");

        var revoked = await Expect(0, alice.RunAsync(["revoke", "Team", bobName, "--json"], alicePassword, null));
        Assert.That(revoked.GetProperty("keyEpoch").GetInt64(), Is.EqualTo(2));
        Assert.That(revoked.GetProperty("entries").GetInt32(), Is.EqualTo(3));
        Assert.That(revoked.GetProperty("exposed").EnumerateArray().Select(e => e.GetProperty("title").GetString()), Is.SupersetOf(new[] { "GitHub", "Mail", "BobWiki" }));

        // alice goes on: the name decrypts under the new key, old entries are readable, a new one is written at epoch 2.
        var aliceVaults = await Expect(0, alice.RunAsync(["vault", "list", "--json"], alicePassword, null));
        var team = aliceVaults.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("vaultId").GetGuid() == vaultId);
        Assert.That(team.GetProperty("name").GetString(), Is.EqualTo("Team"));
        Assert.That(team.GetProperty("keyEpoch").GetInt64(), Is.EqualTo(2));
        await Expect(0, alice.RunAsync(["edit", "GitHub", "--vault", "Team", "--entry-password-stdin", "--json"], alicePassword, "gh-pass-2-after-revoke\n"));
        var secret = await Expect(0, alice.RunAsync(["add", "--vault", "Team", "--name", "AfterRevoke", "--entry-password-stdin", "--json"], alicePassword, "after-revoke-pass\n"));
        var secretId = secret.GetProperty("entryId").GetGuid();
        var ghAgain = await Expect(0, alice.RunAsync(["get", "GitHub", "--vault", "Team", "--show-password", "--json"], alicePassword, null));
        var downloaded = Path.Combine(alice.ConfigDirectory, "..", $"downloaded-{Guid.NewGuid():N}.txt");
        await Expect(0, alice.RunAsync(["download", "GitHub", "notes.txt", "--out", downloaded, "--json"], alicePassword, null));
        Assert.That(await File.ReadAllTextAsync(downloaded), Is.EqualTo(attachmentText), "the attachment was re-encrypted under the new key");
        Assert.That(await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"SELECT DISTINCT key_epoch FROM vault.attachments WHERE vault_id = '{vaultId}' AND NOT deleted"), Is.EqualTo("2"));
        Assert.That(ghAgain.GetProperty("password").GetString(), Is.EqualTo("gh-pass-2-after-revoke"));

        // bob: his sync reports the lost access and drops the vault.
        var bobSync = await Expect(0, bob.RunAsync(["sync", "--json"], bobPassword, null));
        Assert.That(bobSync.GetProperty("lostAccess").EnumerateArray().Select(v => v.GetGuid()), Does.Contain(vaultId));
        await ExpectError(4, "cli.not_found", bob.RunAsync(["get", "GitHub", "--vault", "Team", "--json"], bobPassword, null));

        // bob with his old session and the old key he kept: the API answers 404, and what the server stores does not open.
        using (var bobApi = await CliProfile.SessionClientAsync(bob))
        {
            var vault = Assert.ThrowsAsync<PmApiException>(() => bobApi.Vaults.GetVaultAsync(vaultId));
            Assert.That(vault!.Status, Is.EqualTo(HttpStatusCode.NotFound));
            var entry = Assert.ThrowsAsync<PmApiException>(() => bobApi.Vaults.GetEntryAsync(vaultId, secretId));
            Assert.That(entry!.Status, Is.EqualTo(HttpStatusCode.NotFound));
            var members2 = Assert.ThrowsAsync<PmApiException>(() => bobApi.Vaults.ListMembersAsync(vaultId));
            Assert.That(members2!.Status, Is.EqualTo(HttpStatusCode.NotFound));
        }

        var rows = await PostgresSql.ExecuteAsync(E2eEnvironment.Database,
            $"SELECT id, version, key_epoch, translate(encode(ciphertext, 'base64'), E'\\n', '') FROM vault.entries WHERE vault_id = '{vaultId}' AND NOT deleted AND ciphertext IS NOT NULL");
        var opened = 0;
        foreach (var row in rows.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var columns = row.Split('|');
            var (entryId, version, epoch) = (Guid.Parse(columns[0]), long.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(columns[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(epoch, Is.EqualTo(2), "every live entry was re-encrypted");
            var ciphertext = Convert.FromBase64String(columns[3]);
            Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(oldKey, entryId, version, ciphertext), $"entry {entryId}");
            opened++;
        }

        Assert.That(opened, Is.EqualTo(4), "GitHub, Mail, BobWiki and AfterRevoke, all stored inline");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task AnInvitationIsConfirmedAfterTheSafetyNumberAndOpensTheVault()
    {
        var (alice, alicePassword) = await NewAccountAsync("alice");
        var vaultId = (await Expect(0, alice.RunAsync(["vault", "create", "Invited", "--json"], alicePassword, null))).GetProperty("vaultId").GetGuid();
        await Expect(0, alice.RunAsync(["add", "--vault", "Invited", "--name", "Shared", "--entry-password-stdin", "--json"], alicePassword, "shared-pass\n"));

        // carol has no account yet when she is invited; she registers afterwards under that name.
        var carolName = TestUsers.NewUsername("carol");
        var invited = await Expect(0, alice.RunAsync(["invite", "Invited", carolName, "--permission", "read", "--json"], alicePassword, null));
        var invitationId = invited.GetProperty("invitationId").GetGuid();
        Assert.That(invited.GetProperty("status").GetString(), Is.EqualTo("pending"));
        var carol = ServerFixture.NewCli();
        var (carolPassword, _) = TestUsers.NewPassword();
        await Expect(0, carol.RunAsync("config", "server", ServerFixture.Server.Address.ToString()));
        await Expect(0, carol.RunAsync(["register", "-u", carolName], carolPassword, null));
        await Expect(0, carol.RunAsync(["login", "-u", carolName], carolPassword, null));
        var listed = await Expect(0, alice.RunAsync(["invites", "Invited", "--json"], alicePassword, null));
        Assert.That(listed.GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("ready"));
        var mine = await Expect(0, carol.RunAsync(["invites", "--json"], carolPassword, null));
        Assert.That(mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("vaultId").GetGuid()), Does.Contain(vaultId));

        await ExpectError(1, "cli.usage", alice.RunAsync(["invites", "confirm", "Invited", invitationId.ToString(), "--json"], alicePassword, null));
        var confirmed = await Expect(0, alice.RunAsync(["invites", "confirm", "Invited", invitationId.ToString(), "--yes", "--json"], alicePassword, null));
        Assert.That(confirmed.GetProperty("fingerprint").GetString(), Is.EqualTo(CliProfile.Bundle(carol).Fingerprint));
        var pinned = await Expect(0, alice.RunAsync(["fingerprint", carolName, "--json"], null, null));
        Assert.That(pinned.GetProperty("pinned").GetString(), Is.EqualTo("trusted"));

        var read = await Expect(0, carol.RunAsync(["get", "Shared", "--vault", "Invited", "--show-password", "--json"], carolPassword, null));
        Assert.That(read.GetProperty("password").GetString(), Is.EqualTo("shared-pass"));
    }
}
