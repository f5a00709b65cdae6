using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Entries;

public sealed class EntriesHttpTests : TestBase
{
    private HttpClient client = null!;
    private Guid vaultId;

    [SetUp]
    public async Task CreateVaultAsync()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        client = TestApp.CreateClient(alice.AccessToken);
        vaultId = await TestVaults.CreateAsync(client);
    }

    [TearDown]
    public void DisposeClient() => client.Dispose();

    [Test]
    public async Task ShouldStoreAndReturnTheCiphertextWithItsVersionAsETag()
    {
        var entryId = Guid.NewGuid();
        var ciphertext = TestVaults.Ciphertext();

        var created = await TestVaults.PutEntryAsync(client, vaultId, entryId, ciphertext);
        using var response = await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}");
        var entry = await response.ReadJsonAsync();

        Assert.That(created.GetProperty("version").GetInt64(), Is.EqualTo(1));
        Assert.That(created.GetProperty("created").GetBoolean(), Is.True);
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
        Assert.That(entry.GetProperty("ciphertext").GetString(), Is.EqualTo(ciphertext));
        Assert.That(entry.GetProperty("entry").GetProperty("keyEpoch").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRejectAStaleWriteWithTheCurrentStateAndKeepTheWinner()
    {
        var entryId = Guid.NewGuid();
        await TestVaults.PutEntryAsync(client, vaultId, entryId, TestVaults.Ciphertext());
        var winner = TestVaults.Ciphertext();
        await TestVaults.PutEntryAsync(client, vaultId, entryId, winner, replaces: 1);

        using var stale = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{entryId}", new { replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });

        var problem = await stale.AssertProblemAsync(HttpStatusCode.Conflict, "vault.stale_version");
        Assert.That(problem.GetProperty("details")[0].GetProperty("current").GetProperty("version").GetInt64(), Is.EqualTo(2));
        var entry = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}")).ReadJsonAsync();
        Assert.That(entry.GetProperty("ciphertext").GetString(), Is.EqualTo(winner));
    }

    [Test]
    public async Task ShouldRejectReplacingAnEntryThatDoesNotExist()
    {
        using var response = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", new { replacesVersion = 3, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "vault.stale_version");
        Assert.That(problem.GetProperty("details")[0].TryGetProperty("current", out _), Is.False, "no current state: the entry does not exist");
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
    }

    [Test]
    public async Task ShouldRejectAWriteUnderAnOldKeyEpoch()
    {
        using var response = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", new { keyEpoch = 2, ciphertext = TestVaults.Ciphertext() });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "vault.stale_key_epoch");
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
    }

    [Test]
    public async Task ShouldDeleteIntoATombstoneAndKeepTheHistory()
    {
        var entryId = Guid.NewGuid();
        var first = TestVaults.Ciphertext();
        await TestVaults.PutEntryAsync(client, vaultId, entryId, first);
        await TestVaults.PutEntryAsync(client, vaultId, entryId, TestVaults.Ciphertext(), replaces: 1);

        using var staleDelete = await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}?version=1");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/vaults/{vaultId}/entries/{entryId}");
        request.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        using var delete = await client.SendAsync(request);

        await staleDelete.AssertProblemAsync(HttpStatusCode.Conflict, "vault.stale_version");
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var tombstone = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}")).ReadJsonAsync();
        Assert.That(tombstone.GetProperty("entry").GetProperty("deleted").GetBoolean(), Is.True);
        Assert.That(tombstone.TryGetProperty("ciphertext", out _), Is.False);
        var history = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}/versions")).ReadJsonAsync();
        Assert.That(history.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt64()), Is.EqualTo(new[] { 2L, 1L }));
        var oldest = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}/versions/1")).ReadJsonAsync();
        Assert.That(oldest.GetProperty("ciphertext").GetString(), Is.EqualTo(first));
    }

    [Test]
    public async Task ShouldKeepLargeCiphertextsInTheBlobStoreAndPruneOldHistory()
    {
        var entryId = Guid.NewGuid();
        var large = TestVaults.Ciphertext(64 * 1024);
        await TestVaults.PutEntryAsync(client, vaultId, entryId, large);
        for (var version = 1; version <= 11; version++)
            await TestVaults.PutEntryAsync(client, vaultId, entryId, TestVaults.Ciphertext(64 * 1024), replaces: version);

        var blobs = Directory.EnumerateFiles(Path.Combine(TestApp.Factory.DataDirectory, "blobs"), "*", SearchOption.AllDirectories)
            .Where(f => f.Contains(vaultId.ToString("N"), StringComparison.Ordinal)).ToList();
        var history = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}/versions")).ReadJsonAsync();

        // Current version 12 plus the 10 newest previous versions; version 1 was pruned with its blob.
        Assert.That(history.GetProperty("items").GetArrayLength(), Is.EqualTo(10));
        Assert.That(blobs, Has.Count.EqualTo(11));
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.Zero);
        using var pruned = await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}/versions/1");
        await pruned.AssertProblemAsync(HttpStatusCode.NotFound, "vault.entry_version_not_found");
        var current = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}")).ReadJsonAsync();
        Assert.That(current.GetProperty("entry").GetProperty("size").GetInt32(), Is.EqualTo(2 + 24 + (64 * 1024) + 16));
    }

    [Test]
    public async Task ShouldListEntryMetadataInPages()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await TestVaults.PutEntryAsync(client, vaultId, id, TestVaults.Ciphertext());
        }

        var first = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries?limit=3")).ReadJsonAsync();
        var next = first.GetProperty("next").GetGuid();
        var second = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries?limit=3&after={next}")).ReadJsonAsync();

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("entryId").GetGuid()).ToList();
        Assert.That(listed, Is.EquivalentTo(ids));
        Assert.That(listed, Is.Unique);
        Assert.That(second.TryGetProperty("next", out _), Is.False);
    }

    private static IEnumerable<TestCaseData> BadWrites()
    {
        yield return new TestCaseData(new { keyEpoch = 1, ciphertext = "not base64" }).SetName("ShouldRejectCiphertextThatIsNotBase64");
        yield return new TestCaseData(new { keyEpoch = 1, ciphertext = Convert.ToBase64String(new byte[100]) }).SetName("ShouldRejectCiphertextWithoutEnvelopeHeader");
        yield return new TestCaseData(new { keyEpoch = 1, ciphertext = Convert.ToBase64String(new byte[] { 1, 1, 0 }) }).SetName("ShouldRejectTruncatedEnvelope");
        yield return new TestCaseData(new { keyEpoch = 0, ciphertext = TestVaults.Ciphertext() }).SetName("ShouldRejectKeyEpochZero");
        yield return new TestCaseData(new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext(1024 * 1024) }).SetName("ShouldRejectCiphertextOverTheEntryLimit");
    }

    [TestCaseSource(nameof(BadWrites))]
    public async Task ShouldRejectBadInputAndStoreNothing(object body)
    {
        using var response = await client.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseABodyOverTheEndpointLimit()
    {
        using var response = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext(3 * 1024 * 1024) });

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
    }

    [Test]
    public async Task ShouldAnswerNotFoundForAMalformedEntryId()
    {
        using var response = await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/not-a-uuid");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "request.not_found");
    }
}
