using PasswordManager.Client.Crypto.History;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.Vault;

/// <summary>
/// A malicious server (simulated by editing its database directly) withholds, reorders, forges, replays or swaps what
/// the members of a vault wrote, or forks them (ADR-0032): every attempt fails closed in pm with exit 5
/// (<c>cli.history_rejected</c>) and a message naming the vault and the problem. One set of accounts for the class:
/// alice (admin), bob (write), carol (read); each test gets its own vault.
/// </summary>
[NonParallelizable]
public sealed class HistoryAttackTests
{
    private PmCli alice = null!;
    private PmCli bob = null!;
    private PmCli carol = null!;
    private string alicePassword = null!;
    private string bobPassword = null!;
    private string carolPassword = null!;

    [OneTimeSetUp]
    public async Task RegisterMembersAsync()
    {
        (alice, alicePassword) = await NewAccountAsync("hist-alice");
        (bob, bobPassword) = await NewAccountAsync("hist-bob");
        (carol, carolPassword) = await NewAccountAsync("hist-carol");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task AFreshVaultIsVerifiedAndItsHeadCodeComparesBetweenMembers()
    {
        var vaultId = await SharedVaultAsync("Fresh");
        await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "One", "--no-password", "--json"], alicePassword, null));
        var mine = await Expect(0, alice.RunAsync(["vault", "status", vaultId.ToString(), "--json"], alicePassword, null));
        Assert.That(mine.GetProperty("verified").GetBoolean(), Is.True);
        var code = mine.GetProperty("headCode").GetString()!;
        Assert.That(code, Does.Match(@"^\d+-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"));
        Assert.That(mine.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("permission").GetString()), Is.EquivalentTo(new[] { "admin", "write", "read" }));

        var theirs = await Expect(0, bob.RunAsync(["vault", "status", vaultId.ToString(), "--expect", code, "--json"], bobPassword, null));
        Assert.That(theirs.GetProperty("headCode").GetString(), Is.EqualTo(code));
        await ExpectError(1, "cli.usage", bob.RunAsync(["vault", "status", vaultId.ToString(), "--expect", "not-a-code", "--json"], bobPassword, null));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task AWithheldWriteOfAnotherMemberIsRefused()
    {
        var vaultId = await SharedVaultAsync("Withheld write");
        var entryId = (await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Bank", "--username", "u1", "--no-password", "--json"], alicePassword, null)))
            .GetProperty("entryId").GetGuid();
        await Expect(0, bob.RunAsync(["list", "--vault", vaultId.ToString(), "--json"], bobPassword, null));
        var before = await SnapshotEntryAsync(entryId);
        await Expect(0, alice.RunAsync(["edit", entryId.ToString(), "--username", "u2", "--json"], alicePassword, null));

        // The server keeps alice's signed record but serves bob the entry as it was.
        await RestoreEntryAsync(entryId, before);
        await ExpectRejected(bob, bobPassword, vaultId, "withheld");
        await ExpectRejected(bob, bobPassword, vaultId, "withheld", ["add", "--vault", vaultId.ToString(), "--name", "Later", "--no-password", "--json"]);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task AWithheldDeleteIsRefused()
    {
        var vaultId = await SharedVaultAsync("Withheld delete");
        var entryId = (await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Old", "--no-password", "--json"], alicePassword, null)))
            .GetProperty("entryId").GetGuid();
        await Expect(0, bob.RunAsync(["list", "--vault", vaultId.ToString(), "--json"], bobPassword, null));
        var before = await SnapshotEntryAsync(entryId);
        await Expect(0, alice.RunAsync(["rm", entryId.ToString(), "--json"], alicePassword, null));

        await RestoreEntryAsync(entryId, before);
        await ExpectRejected(bob, bobPassword, vaultId, "delete");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ReorderedWritesAreRefused()
    {
        var vaultId = await SharedVaultAsync("Reorder");
        await Expect(0, bob.RunAsync(["list", "--vault", vaultId.ToString(), "--json"], bobPassword, null));
        await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "First", "--no-password", "--json"], alicePassword, null));
        await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Second", "--no-password", "--json"], alicePassword, null));
        var head = long.Parse(await Sql($"SELECT max(seq) FROM vault.history_records WHERE vault_id = '{vaultId}'"), System.Globalization.CultureInfo.InvariantCulture);

        await Sql($"""
            UPDATE vault.history_records SET seq = -seq WHERE vault_id = '{vaultId}' AND seq IN ({head - 1}, {head});
            UPDATE vault.history_records SET seq = CASE seq WHEN -{head} THEN {head - 1} ELSE {head} END WHERE vault_id = '{vaultId}' AND seq IN (-{head - 1}, -{head});
            """);
        await ExpectRejected(bob, bobPassword, vaultId, "record");
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task AnOlderConsistentStateServedToAFreshDeviceIsCaughtByTheHeadCode()
    {
        var vaultId = await SharedVaultAsync("Old state");
        await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Kept", "--no-password", "--json"], alicePassword, null));
        var latest = (await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Latest", "--no-password", "--json"], alicePassword, null)))
            .GetProperty("entryId").GetGuid();
        var code = (await Expect(0, alice.RunAsync(["vault", "status", vaultId.ToString(), "--json"], alicePassword, null))).GetProperty("headCode").GetString()!;

        // The server drops the last write and its record: what is left is an older state that verifies on its own.
        await Sql($"""
            DELETE FROM vault.history_records WHERE vault_id = '{vaultId}' AND seq = (SELECT max(seq) FROM vault.history_records WHERE vault_id = '{vaultId}');
            DELETE FROM vault.entries WHERE id = '{latest}';
            """);
        var fresh = await LoginElsewhereAsync(bob, bobPassword);
        var old = await Expect(0, fresh.RunAsync(["vault", "status", vaultId.ToString(), "--json"], bobPassword, null));
        Assert.That(old.GetProperty("headCode").GetString(), Is.Not.EqualTo(code));

        var refused = await ExpectError(5, "cli.history_rejected", fresh.RunAsync(["vault", "status", vaultId.ToString(), "--expect", code, "--json"], bobPassword, null));
        Assert.That(refused.GetProperty("message").GetString(), Does.Contain(vaultId.ToString()).And.Contain(code));
        // Remembered: every later sync fails while the server serves the older state.
        await ExpectRejected(fresh, bobPassword, vaultId, "old state");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task AMistypedHeadCodeIsForgottenOnRequest()
    {
        var vaultId = await SharedVaultAsync("Mistyped code");
        await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "One", "--no-password", "--json"], alicePassword, null));
        var code = (await Expect(0, bob.RunAsync(["vault", "status", vaultId.ToString(), "--json"], bobPassword, null))).GetProperty("headCode").GetString()!;
        var dash = code.IndexOf('-', StringComparison.Ordinal);
        var mistyped = (long.Parse(code[..dash], System.Globalization.CultureInfo.InvariantCulture) + 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + code[dash..];

        var refused = await ExpectError(5, "cli.history_rejected", bob.RunAsync(["vault", "status", vaultId.ToString(), "--expect", mistyped, "--json"], bobPassword, null));
        Assert.That(refused.GetProperty("message").GetString(), Does.Contain("--forget-expected"));
        await ExpectRejected(bob, bobPassword, vaultId, "another member holds record");
        await ExpectError(1, "cli.usage", bob.RunAsync(["vault", "status", vaultId.ToString(), "--forget-expected", "--expect", code, "--json"], bobPassword, null));

        var repaired = await Expect(0, bob.RunAsync(["vault", "status", vaultId.ToString(), "--forget-expected", "--json"], bobPassword, null));
        Assert.That(repaired.GetProperty("forgottenExpectedHeads").GetInt32(), Is.EqualTo(1));
        Assert.That(repaired.GetProperty("headCode").GetString(), Is.EqualTo(code));
        await Expect(0, bob.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Two", "--no-password", "--json"], bobPassword, null));
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task ForkedMembersFindOutWhenOneWrites()
    {
        var vaultId = await SharedVaultAsync("Fork");
        await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Base", "--no-password", "--json"], alicePassword, null));
        var laptop = await LoginElsewhereAsync(bob, bobPassword);
        await Expect(0, bob.RunAsync(["list", "--vault", vaultId.ToString(), "--json"], bobPassword, null));
        var written = (await Expect(0, laptop.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Laptop only", "--no-password", "--json"], bobPassword, null)))
            .GetProperty("entryId").GetGuid();

        // The other device is shown the vault without that write; it writes on the older head, and the server keeps that branch.
        await Sql($"""
            DELETE FROM vault.history_records WHERE vault_id = '{vaultId}' AND seq = (SELECT max(seq) FROM vault.history_records WHERE vault_id = '{vaultId}');
            DELETE FROM vault.entries WHERE id = '{written}';
            """);
        await Expect(0, bob.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Desktop only", "--no-password", "--json"], bobPassword, null));

        await ExpectRejected(laptop, bobPassword, vaultId, "fork");
        // Refused from then on, also when the server no longer refuses the held head itself (the chain served is checked here).
        await ExpectRejected(laptop, bobPassword, vaultId, "fork");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ARecordForgedByAReadOnlyMemberIsRefused()
    {
        var vaultId = await SharedVaultAsync("Forged");
        await Expect(0, bob.RunAsync(["list", "--vault", vaultId.ToString(), "--json"], bobPassword, null));
        var (seq, prev) = await ServerHistory.HeadAsync(vaultId);
        using (var carolKeys = CliProfile.Unlock(carol, carolPassword))
        {
            // Carol (read) signs a record that adds an entry; the server stores it as the next one.
            var forged = HistoryRecord.Sign(
                vaultId, seq + 1, prev, carolKeys, 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                [new EntryChange(Guid.NewGuid(), 1, Deleted: false, new byte[32])]);
            await ServerHistory.InsertRecordAsync(vaultId, forged.Seq, forged.Hash, forged.Bytes);
        }

        await ExpectRejected(bob, bobPassword, vaultId, "read");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ARecordReplayedFromAnotherVaultIsRefused()
    {
        var vaultId = await SharedVaultAsync("Replay target");
        var other = (await Expect(0, alice.RunAsync(["vault", "create", "Replay source", "--json"], alicePassword, null))).GetProperty("vaultId").GetGuid();
        var (seq, _) = await ServerHistory.HeadAsync(vaultId);
        // Alice's batch of writes in the other vault reaches the seq the target vault takes next, so only the vault id tells them apart.
        for (var i = 1; i <= seq; i++)
            await Expect(0, alice.RunAsync(["add", "--vault", other.ToString(), "--name", $"Elsewhere {i}", "--no-password", "--json"], alicePassword, null));
        await Expect(0, bob.RunAsync(["list", "--vault", vaultId.ToString(), "--json"], bobPassword, null));
        var replayed = await Sql($"SELECT encode(record, 'hex') || '|' || encode(hash, 'hex') FROM vault.history_records WHERE vault_id = '{other}' AND seq = {seq + 1}");
        await ServerHistory.InsertRecordAsync(vaultId, seq + 1, Convert.FromHexString(replayed.Split('|')[1]), Convert.FromHexString(replayed.Split('|')[0]));

        await ExpectRejected(bob, bobPassword, vaultId, "another vault");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ASwappedAttachmentCiphertextIsRefused()
    {
        var vaultId = await SharedVaultAsync("Attachments");
        var entryId = (await Expect(0, alice.RunAsync(["add", "--vault", vaultId.ToString(), "--name", "Files", "--no-password", "--json"], alicePassword, null)))
            .GetProperty("entryId").GetGuid();
        var folder = Directory.CreateTempSubdirectory("pm-hist-").FullName;
        var (first, second) = (Path.Combine(folder, "a.txt"), Path.Combine(folder, "b.txt"));
        await File.WriteAllTextAsync(first, "first attachment body");
        await File.WriteAllTextAsync(second, "other attachment body");
        var a = (await Expect(0, alice.RunAsync(["attach", entryId.ToString(), first, "--json"], alicePassword, null))).GetProperty("attachmentId").GetGuid();
        var b = (await Expect(0, alice.RunAsync(["attach", entryId.ToString(), second, "--json"], alicePassword, null))).GetProperty("attachmentId").GetGuid();
        await Expect(0, bob.RunAsync(["download", entryId.ToString(), a.ToString(), "--out", Path.Combine(folder, "ok.txt"), "--json"], bobPassword, null));

        await Sql($"""
            UPDATE vault.attachments SET blob_key = CASE id WHEN '{a}' THEN (SELECT blob_key FROM vault.attachments WHERE id = '{b}')
                                                          ELSE (SELECT blob_key FROM vault.attachments WHERE id = '{a}') END
            WHERE id IN ('{a}', '{b}');
            """);
        var refused = await ExpectError(
            5, "cli.attachment_tampered", bob.RunAsync(["download", entryId.ToString(), a.ToString(), "--out", Path.Combine(folder, "swapped.txt"), "--json"], bobPassword, null));
        Assert.That(refused.GetProperty("message").GetString(), Does.Contain(vaultId.ToString()).And.Contain("swapped"));
        Assert.That(File.Exists(Path.Combine(folder, "swapped.txt")), Is.False);
    }

    /// <summary>A new vault of alice shared with bob (write) and carol (read), everyone synced.</summary>
    private async Task<Guid> SharedVaultAsync(string name)
    {
        var vaultId = (await Expect(0, alice.RunAsync(["vault", "create", name, "--json"], alicePassword, null))).GetProperty("vaultId").GetGuid();
        await Expect(0, alice.RunAsync(["share", vaultId.ToString(), CliProfile.Username(bob), "--permission", "write", "--json"], alicePassword, null));
        await Expect(0, alice.RunAsync(["share", vaultId.ToString(), CliProfile.Username(carol), "--permission", "read", "--json"], alicePassword, null));
        return vaultId;
    }

    private static async Task ExpectRejected(PmCli pm, string password, Guid vaultId, string problem, string[]? command = null)
    {
        // Scoped to the vault: the other vaults of these shared accounts were refused by earlier tests and stay so.
        var error = await ExpectError(5, "cli.history_rejected", pm.RunAsync(command ?? ["list", "--vault", vaultId.ToString(), "--json"], password, null));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(vaultId.ToString()).And.Contain(problem).IgnoreCase);
    }

    private static Task<string> SnapshotEntryAsync(Guid entryId) =>
        Sql($"SELECT row_to_json(e)::text FROM vault.entries e WHERE id = '{entryId}'");

    /// <summary>Puts the entry row back as it was (its old version, ciphertext and revision): the later change is not served.</summary>
    private static Task<string> RestoreEntryAsync(Guid entryId, string snapshot) =>
        Sql($"""
            UPDATE vault.entries e SET (version, key_epoch, ciphertext, ciphertext_size, blob_key, deleted, updated_at, updated_by, revision) =
                (s.version, s.key_epoch, s.ciphertext, s.ciphertext_size, s.blob_key, s.deleted, s.updated_at, s.updated_by, s.revision)
            FROM json_populate_record(NULL::vault.entries, '{snapshot.Replace("'", "''", StringComparison.Ordinal)}') s
            WHERE e.id = '{entryId}'
            """);

    private static Task<string> Sql(string sql) => PostgresSql.ExecuteAsync(E2eEnvironment.Database, sql);
}
