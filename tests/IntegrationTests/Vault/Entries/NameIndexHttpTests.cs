using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault.Sharing;

namespace PasswordManager.IntegrationTests.Vault.Entries;

/// <summary>Blind name indexes on entries (docs/crypto-format.md §20): stored with every kind of write, answered by GET entries?nameIndex=.</summary>
public sealed class NameIndexHttpTests : TestBase
{
    private SharedVault vault = null!;

    [SetUp]
    public async Task CreateVaultAsync() => vault = await SharedVault.CreateAsync(entries: 0);

    [TearDown]
    public void Dispose() => vault.Dispose();

    private string Entries => $"/api/v1/vaults/{vault.VaultId}/entries";

    /// <summary>A random index in the only form the server accepts: 16 bytes, unpadded base64url.</summary>
    private static string NewIndex() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<JsonElement> PutAsync(Guid entryId, string ciphertext, string? nameIndex, long? replaces = null)
    {
        using var response = await vault.Admin.PutAsJsonAsync($"{Entries}/{entryId}", new { replacesVersion = replaces, keyEpoch = 1, ciphertext, nameIndex });
        var body = await response.ReadJsonAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body.ToString());
        return body;
    }

    private async Task<JsonElement> FindAsync(HttpClient client, string nameIndex, string extra = "")
    {
        using var response = await client.GetAsync($"{Entries}?nameIndex={nameIndex}{extra}");
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entryId").GetGuid())];

    [Test]
    public async Task ShouldAnswerOnlyTheLiveEntriesCarryingTheIndexWithTheirCiphertexts()
    {
        var (github, bank) = (NewIndex(), NewIndex());
        var (first, second, other, unindexed, large) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var firstCiphertext = TestVaults.Ciphertext();
        var largeCiphertext = TestVaults.Ciphertext(20_000);
        await PutAsync(first, firstCiphertext, github);
        await PutAsync(second, TestVaults.Ciphertext(), github);
        await PutAsync(other, TestVaults.Ciphertext(), bank);
        await PutAsync(unindexed, TestVaults.Ciphertext(), null);
        await PutAsync(large, largeCiphertext, bank);
        using (var delete = await vault.Admin.DeleteAsync($"{Entries}/{second}?version=1")) Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var byGithub = await FindAsync(vault.ReaderClient, github);
        var byBank = await FindAsync(vault.ReaderClient, bank);
        var unknown = await FindAsync(vault.ReaderClient, NewIndex());
        var listed = await (await vault.Admin.GetAsync(Entries)).ReadJsonAsync();

        var found = byGithub.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(Ids(byGithub), Is.EqualTo(new[] { first }), "the deleted entry is not answered");
            Assert.That(found.GetProperty("ciphertext").GetString(), Is.EqualTo(firstCiphertext));
            Assert.That(found.GetProperty("nameIndex").GetString(), Is.EqualTo(github));
            Assert.That(found.GetProperty("version").GetInt64(), Is.EqualTo(1));
            Assert.That(found.GetProperty("keyEpoch").GetInt64(), Is.EqualTo(1));
            Assert.That(found.GetProperty("vaultId").GetGuid(), Is.EqualTo(vault.VaultId));
            Assert.That(Ids(byBank), Is.EquivalentTo(new[] { other, large }));
            Assert.That(byBank.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("entryId").GetGuid() == large).GetProperty("ciphertext").GetString(),
                Is.EqualTo(largeCiphertext), "a ciphertext kept in the blob store comes inline too");
            Assert.That(Ids(unknown), Is.Empty);
            Assert.That(unknown.TryGetProperty("next", out _), Is.False);
            Assert.That(listed.GetProperty("items").EnumerateArray().All(i => !i.TryGetProperty("ciphertext", out _)), Is.True, "a plain listing carries no ciphertexts");
            Assert.That(listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("entryId").GetGuid() == other).GetProperty("nameIndex").GetString(), Is.EqualTo(bank));
        });
    }

    [Test]
    public async Task ShouldPageMatchesAndRecordThemInTheAccessLog()
    {
        var shared = NewIndex();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(Guid.NewGuid());
            await PutAsync(ids[^1], TestVaults.Ciphertext(), shared);
        }

        var page1 = await FindAsync(vault.ReaderClient, shared, "&limit=2");
        var page2 = await FindAsync(vault.ReaderClient, shared, $"&limit=2&after={page1.GetProperty("next").GetGuid()}");
        using var exposure = await vault.Admin.GetAsync($"/api/v1/vaults/{vault.VaultId}/members/{vault.Reader.Account.UserId}/exposure");
        var seen = await exposure.ReadJsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Ids(page1).Concat(Ids(page2)), Is.EqualTo(ids.Order()));
            Assert.That(page2.TryGetProperty("next", out _), Is.False);
            Assert.That(exposure.StatusCode, Is.EqualTo(HttpStatusCode.OK), seen.ToString());
            Assert.That(seen.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entryId").GetGuid()), Is.EquivalentTo(ids),
                "a ciphertext served by name counts as fetched");
        });
    }

    [Test]
    public async Task ShouldReplaceTheIndexWithEveryWriteAndDropItOnDelete()
    {
        var (before, after) = (NewIndex(), NewIndex());
        var entry = Guid.NewGuid();
        await PutAsync(entry, TestVaults.Ciphertext(), before);
        await PutAsync(entry, TestVaults.Ciphertext(), after, replaces: 1);
        var renamed = (await FindAsync(vault.Admin, before), await FindAsync(vault.Admin, after));

        using var batch = await vault.WriterClient.PostAsJsonAsync($"{Entries}/batch", new
        {
            writes = new object[]
            {
                new { entryId = entry, replacesVersion = 2, keyEpoch = 1, ciphertext = TestVaults.Ciphertext(), nameIndex = (string?)null },
                new { entryId = Guid.NewGuid(), keyEpoch = 1, ciphertext = TestVaults.Ciphertext(), nameIndex = before },
            },
        });
        Assert.That(batch.StatusCode, Is.EqualTo(HttpStatusCode.OK), await batch.Content.ReadAsStringAsync());
        var afterBatch = (await FindAsync(vault.Admin, before), await FindAsync(vault.Admin, after));
        await PutAsync(entry, TestVaults.Ciphertext(), after, replaces: 3);
        using (var delete = await vault.Admin.DeleteAsync($"{Entries}/{entry}?version=4")) Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.Multiple(async () =>
        {
            Assert.That(Ids(renamed.Item1), Is.Empty);
            Assert.That(Ids(renamed.Item2), Is.EqualTo(new[] { entry }));
            Assert.That(Ids(afterBatch.Item1), Has.Count.EqualTo(1).And.No.Contains(entry), "the batch created one entry under the first index");
            Assert.That(Ids(afterBatch.Item2), Is.Empty, "a write without an index clears the old one");
            Assert.That(Ids(await FindAsync(vault.Admin, after, "&includeDeleted=true")), Is.Empty, "a tombstone keeps no index");
        });
    }

    [Test]
    public async Task ShouldCarryTheNewIndexesThroughAOneShotAndAStagedReKey()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await PutAsync(a, TestVaults.Ciphertext(), NewIndex());
        await PutAsync(b, TestVaults.Ciphertext(), NewIndex());
        var (oneShotA, oneShotB) = (NewIndex(), NewIndex());
        using var rekey = await vault.Admin.PostAsJsonAsync($"/api/v1/vaults/{vault.VaultId}/rekey", new
        {
            fromKeyEpoch = 1,
            revoke = Array.Empty<Guid>(),
            entries = new object[]
            {
                new { entryId = a, replacesVersion = 1, ciphertext = TestVaults.Ciphertext(), nameIndex = oneShotA },
                new { entryId = b, replacesVersion = 1, ciphertext = TestVaults.Ciphertext(), nameIndex = oneShotB },
            },
            members = await vault.RemainingMembersAsync(),
        });
        Assert.That(rekey.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rekey.Content.ReadAsStringAsync());
        var afterOneShot = (await FindAsync(vault.Admin, oneShotA), await FindAsync(vault.Admin, oneShotB));

        var staged = NewIndex();
        using var open = await vault.Admin.PostAsJsonAsync($"/api/v1/vaults/{vault.VaultId}/rekey-sessions", new { fromKeyEpoch = 2, revoke = Array.Empty<Guid>() });
        var sessionId = (await open.ReadJsonAsync()).GetProperty("sessionId").GetGuid();
        var sessions = $"/api/v1/vaults/{vault.VaultId}/rekey-sessions/{sessionId}";
        using var badUpload = await vault.Admin.PutAsJsonAsync($"{sessions}/entries", new
        {
            entries = new[] { new { entryId = a, replacesVersion = 2, ciphertext = TestVaults.Ciphertext(), nameIndex = "not-an-index" } },
        });
        await badUpload.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        using var upload = await vault.Admin.PutAsJsonAsync($"{sessions}/entries", new
        {
            entries = new object[]
            {
                new { entryId = a, replacesVersion = 2, ciphertext = TestVaults.Ciphertext(), nameIndex = (string?)staged },
                new { entryId = b, replacesVersion = 2, ciphertext = TestVaults.Ciphertext(), nameIndex = (string?)null },
            },
        });
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK), await upload.Content.ReadAsStringAsync());
        using var commit = await vault.Admin.PostAsJsonAsync($"{sessions}/commit", new { members = await vault.RemainingMembersAsync() });
        Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.OK), await commit.Content.ReadAsStringAsync());

        var afterStaged = await FindAsync(vault.Admin, staged);
        Assert.Multiple(async () =>
        {
            Assert.That(Ids(afterOneShot.Item1), Is.EqualTo(new[] { a }));
            Assert.That(Ids(afterOneShot.Item2), Is.EqualTo(new[] { b }));
            Assert.That(afterStaged.GetProperty("items")[0].GetProperty("keyEpoch").GetInt64(), Is.EqualTo(3));
            Assert.That(Ids(afterStaged), Is.EqualTo(new[] { a }));
            Assert.That(Ids(await FindAsync(vault.Admin, oneShotA)), Is.Empty, "the old epoch's index is gone");
            Assert.That(Ids(await FindAsync(vault.Admin, oneShotB)), Is.Empty, "an entry re-keyed without an index has none");
        });
    }

    [Test]
    public async Task ShouldKeepTheIndexThroughExportAndImport()
    {
        var index = NewIndex();
        var entry = Guid.NewGuid();
        await PutAsync(entry, TestVaults.Ciphertext(), index);
        using var export = await vault.Admin.GetAsync("/api/v1/export");
        var archive = await export.Content.ReadAsStringAsync();

        Assert.That(archive, Does.Contain($"\"nameIndex\":\"{index}\""));
    }

    private static IEnumerable<TestCaseData> BadIndexes()
    {
        yield return new TestCaseData("short").SetName("too short");
        yield return new TestCaseData(NewIndex() + "A").SetName("too long");
        yield return new TestCaseData(NewIndex()[..21] + "B").SetName("non-canonical last character");
        yield return new TestCaseData(Convert.ToBase64String(new byte[16])).SetName("padded standard base64");
        yield return new TestCaseData("AAAAAAAAAAAAAAAAAAAA+A").SetName("standard base64 alphabet");
        yield return new TestCaseData("AAAAAAAAAAAAAAAAAAAA%0A").SetName("control character");
        yield return new TestCaseData("AAAAAAAAAAAAAAAAAAAA%C3%A9").SetName("non-ASCII");
    }

    [TestCaseSource(nameof(BadIndexes))]
    public async Task ShouldRefuseAMalformedIndexEverywhereAndChangeNothing(string bad)
    {
        var decoded = Uri.UnescapeDataString(bad);
        var entry = Guid.NewGuid();

        using var lookup = await vault.Admin.GetAsync($"{Entries}?nameIndex={(bad.Contains('%', StringComparison.Ordinal) ? bad : Uri.EscapeDataString(bad))}");
        using var upsert = await vault.Admin.PutAsJsonAsync($"{Entries}/{entry}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext(), nameIndex = decoded });
        using var batch = await vault.Admin.PostAsJsonAsync($"{Entries}/batch", new
        {
            writes = new[] { new { entryId = entry, keyEpoch = 1, ciphertext = TestVaults.Ciphertext(), nameIndex = decoded } },
        });

        foreach (var response in new[] { lookup, upsert, batch })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }

        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseAnIndexOnADeleteAndTooLargeAPageOfMatches()
    {
        var entry = Guid.NewGuid();
        await PutAsync(entry, TestVaults.Ciphertext(), NewIndex());

        using var delete = await vault.Admin.PostAsJsonAsync($"{Entries}/batch", new
        {
            writes = new[] { new { entryId = entry, replacesVersion = 1, delete = true, nameIndex = NewIndex() } },
        });
        using var page = await vault.Admin.GetAsync($"{Entries}?nameIndex={NewIndex()}&limit=257");

        await delete.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        await page.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(Ids(await FindAsync(vault.Admin, NewIndex(), "&limit=256")), Is.Empty);
    }

    [Test]
    public async Task ShouldHideMatchesFromCallersOutsideTheVault()
    {
        var index = NewIndex();
        await PutAsync(Guid.NewGuid(), TestVaults.Ciphertext(), index);

        foreach (var (who, client, status, code) in await vault.OutsidersAsync())
        {
            using var response = await client.GetAsync($"{Entries}?nameIndex={index}");
            var problem = await response.AssertProblemAsync(status, code);
            Assert.That(problem.ToString(), Does.Not.Contain(index), who);
            client.Dispose();
        }

        Assert.That(Ids(await FindAsync(vault.WriterClient, index)), Has.Count.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync("sharing.entry_fetches"), Is.EqualTo(2), "only the author's write and the writer's read are logged");
    }
}
