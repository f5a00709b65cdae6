using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Tests.Support;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.Vault;

/// <summary>
/// Signed vault history after <c>pm rotate-keys</c> (ADR-0032, amendment): the records a member signed before rotating
/// stay signed by its old key, and a fresh device — which only knows the new key — verifies them through the back-link
/// the new key signed; a key the server invents for that member, with a hand-over it made up, verifies nothing.
/// </summary>
[NonParallelizable]
public sealed class RotatedAuthorHistoryTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task FreshDevicesVerifyAVaultWrittenBeforeAndAfterAKeyRotation()
    {
        var (alice, alicePassword) = await NewAccountAsync("rot-alice");
        var (bob, bobPassword) = await NewAccountAsync("rot-bob");
        var vault = (await Expect(0, alice.RunAsync(["vault", "create", "Rotated team", "--json"], alicePassword, null))).GetProperty("vaultId").GetGuid().ToString();
        await Expect(0, alice.RunAsync(["add", "--vault", vault, "--name", "Before", "--no-password", "--json"], alicePassword, null));
        await Expect(0, alice.RunAsync(["share", vault, CliProfile.Username(bob), "--permission", "write", "--json"], alicePassword, null));
        await Expect(0, bob.RunAsync(["add", "--vault", vault, "--name", "Bobs", "--no-password", "--json"], bobPassword, null));
        var oldBundle = CliProfile.Bundle(alice);

        await Expect(0, alice.RunAsync(["rotate-keys", "--json"], alicePassword, null));
        await Expect(0, alice.RunAsync(["add", "--vault", vault, "--name", "After", "--no-password", "--json"], alicePassword, null));

        Assert.That(CliProfile.Bundle(alice).Matches(oldBundle), Is.False);
        var code = (await Expect(0, alice.RunAsync(["vault", "status", vault, "--json"], alicePassword, null))).GetProperty("headCode").GetString()!;
        Assert.That(
            (await Expect(0, bob.RunAsync(["vault", "status", vault, "--json"], bobPassword, null))).GetProperty("headCode").GetString(),
            Is.EqualTo(code), "bob's device pinned alice's old key and follows the hand-over forward");

        // Fresh devices know only alice's new key: records 1–2 were signed with her old one.
        foreach (var (member, password) in new[] { (bob, bobPassword), (alice, alicePassword) })
        {
            var fresh = await LoginElsewhereAsync(member, password);
            await Expect(0, fresh.RunAsync(["sync", "--json"], password, null));
            var status = await Expect(0, fresh.RunAsync(["vault", "status", vault, "--json"], password, null));
            Assert.That(status.GetProperty("verified").GetBoolean(), Is.True);
            Assert.That(status.GetProperty("headCode").GetString(), Is.EqualTo(code));
            var names = (await Expect(0, fresh.RunAsync(["list", "--vault", vault, "--json"], password, null))).ToString();
            Assert.That(names, Does.Contain("Before").And.Contain("Bobs").And.Contain("After"));
        }
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task ARecordSignedByAKeyTheServerInventedIsRefusedDespiteAForgedHandover()
    {
        var (alice, alicePassword) = await NewAccountAsync("rot-victim");
        var (bob, bobPassword) = await NewAccountAsync("rot-reader");
        await Expect(0, alice.RunAsync(["rotate-keys", "--json"], alicePassword, null));
        var aliceId = CliProfile.UserId(alice);
        var current = CliProfile.Bundle(alice);

        // bob's vault, alice a write member who never wrote in it: nothing in it pins which key of alice's signs there.
        var vaultId = (await Expect(0, bob.RunAsync(["vault", "create", "Target", "--json"], bobPassword, null))).GetProperty("vaultId").GetGuid();
        await Expect(0, bob.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Genuine", "--no-password", "--json"], bobPassword, null));
        await Expect(0, bob.RunAsync(["share", vaultId.ToString(), CliProfile.Username(alice), "--permission", "write", "--json"], bobPassword, null));
        var fresh = await LoginElsewhereAsync(bob, bobPassword);

        // The server invents a key for alice, a version-1 hand-over from it to her real bundle, a version-2 one whose
        // back-link keys it controls signed, and a record "by alice" signed with the invented key.
        using var invented = new RawSigner(aliceId);
        using var otherOld = AccountKeys.Create(aliceId);
        using var otherNew = AccountKeys.Create(aliceId);
        var forgedBackLink = KeyHandover.Create(otherOld, otherNew);
        current.ToArray().CopyTo(forgedBackLink, 1 + PublicKeyBundle.Size);
        byte[] forgedChain = [.. invented.HandoverV1To(current), .. forgedBackLink];
        await Sql($"UPDATE auth.users SET key_handovers = key_handovers || decode('{Convert.ToHexString(forgedChain)}', 'hex') WHERE id = '{aliceId}'");
        var (seq, prev) = await ServerHistory.HeadAsync(vaultId);
        var forged = HistoryRecord.Sign(
            vaultId, seq + 1, prev, aliceId, 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            [new EntryChange(Guid.NewGuid(), 1, Deleted: false, new byte[32])], invented.Seed);
        await ServerHistory.InsertRecordAsync(vaultId, forged.Seq, forged.Hash, forged.Bytes);

        foreach (var device in new[] { bob, fresh })
        {
            var refused = await ExpectError(5, "cli.history_rejected", device.RunAsync(["list", "--vault", vaultId.ToString(), "--json"], bobPassword, null));
            Assert.That(refused.GetProperty("message").GetString(), Does.Contain(vaultId.ToString()).And.Contain("forged"));
        }

        // A fresh device with no cache at all refuses it in vault status too.
        var another = await LoginElsewhereAsync(bob, bobPassword);
        await ExpectError(5, "cli.history_rejected", another.RunAsync(["vault", "status", vaultId.ToString(), "--json"], bobPassword, null));
    }

    private static Task<string> Sql(string sql) => PostgresSql.ExecuteAsync(E2eEnvironment.Database, sql);
}
