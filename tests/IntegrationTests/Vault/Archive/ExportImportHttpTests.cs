using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Archive;

public sealed class ExportImportHttpTests : TestBase
{
    /// <summary>2.5 MiB: three archive chunks.</summary>
    private static readonly byte[] Attachment = System.Security.Cryptography.RandomNumberGenerator.GetBytes((5 * 1024 * 1024) / 2);
    private static readonly Guid AttachmentId = Guid.NewGuid();

    [Test]
    public async Task ShouldExportEverythingReadableAsStillEncryptedRecords()
    {
        var (alice, vaultId, entries) = await ArrangeAsync();
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.GetAsync("/api/v1/export");
        var lines = await ReadLinesAsync(response);

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-ndjson"));
        Assert.That(lines[0]["type"]!.GetValue<string>(), Is.EqualTo("header"));
        Assert.That(lines[0]["account"]!["userId"]!.GetValue<Guid>(), Is.EqualTo(alice.Account.UserId));
        Assert.That(lines.Count(l => l["type"]!.GetValue<string>() == "vault"), Is.EqualTo(1));
        var exported = lines.Where(l => l["type"]!.GetValue<string>() == "entry").ToDictionary(l => l["entryId"]!.GetValue<Guid>());
        Assert.That(exported.Keys, Is.EquivalentTo(entries.Keys));
        foreach (var (id, ciphertext) in entries) Assert.That(exported[id]["ciphertext"]!.GetValue<string>(), Is.EqualTo(ciphertext));
        Assert.That(lines.Count(l => l["type"]!.GetValue<string>() == "entryVersion"), Is.EqualTo(1));
        Assert.That(lines[^1]["type"]!.GetValue<string>(), Is.EqualTo("end"));
        Assert.That(lines[^1]["entries"]!.GetValue<long>(), Is.EqualTo(entries.Count));
        Assert.That(lines.Count(l => l["type"]!.GetValue<string>() == "attachment"), Is.EqualTo(1));
        Assert.That(lines.Count(l => l["type"]!.GetValue<string>() == "attachmentChunk"), Is.EqualTo(3));
        Assert.That(lines[^1]["attachments"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(vaultId, Is.EqualTo(lines[1]["vaultId"]!.GetValue<Guid>()));
    }

    [Test]
    public async Task ShouldRestoreAnExportIntoAnEmptyInstanceExactly()
    {
        var (alice, _, _) = await ArrangeAsync();
        using var client = TestApp.CreateClient(alice.AccessToken);
        var archive = await (await client.GetStringAsync("/api/v1/export")).Pipe(Task.FromResult);
        await EmptyVaultSchemaAsync();

        using var import = await client.PostAsync("/api/v1/import", new StringContent(archive, Encoding.UTF8, "application/x-ndjson"));
        var result = await import.ReadJsonAsync();
        var again = await client.GetStringAsync("/api/v1/export");

        Assert.That(import.StatusCode, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That(result.GetProperty("entries").GetInt64(), Is.EqualTo(3));
        Assert.That(result.GetProperty("attachments").GetInt64(), Is.EqualTo(1));
        Assert.That(WithoutTimestamps(again), Is.EqualTo(WithoutTimestamps(archive)));
        var entryOfAttachment = JsonNode.Parse(archive.Split('\n').First(l => l.Contains("\"attachment\"", StringComparison.Ordinal)))!["entryId"];
        var vaultOfAttachment = JsonNode.Parse(archive.Split('\n').First(l => l.Contains("\"attachment\"", StringComparison.Ordinal)))!["vaultId"];
        var restored = await client.GetByteArrayAsync($"/api/v1/vaults/{vaultOfAttachment}/entries/{entryOfAttachment}/attachments/{AttachmentId}");
        Assert.That(restored, Is.EqualTo(Attachment));
    }

    [Test]
    public async Task ShouldRefuseAnArchiveOfAnotherAccount()
    {
        var (alice, _, _) = await ArrangeAsync();
        var archive = await TestApp.CreateClient(alice.AccessToken).GetStringAsync("/api/v1/export");
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");

        using var import = await TestApp.CreateClient(mallory.AccessToken)
            .PostAsync("/api/v1/import", new StringContent(archive, Encoding.UTF8, "application/x-ndjson"));

        await import.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.archive_of_another_account");
    }

    [Test]
    public async Task ShouldRefuseToOverwriteAnExistingVault()
    {
        var (alice, _, _) = await ArrangeAsync();
        using var client = TestApp.CreateClient(alice.AccessToken);
        var archive = await client.GetStringAsync("/api/v1/export");

        using var import = await client.PostAsync("/api/v1/import", new StringContent(archive, Encoding.UTF8, "application/x-ndjson"));

        await import.AssertProblemAsync(HttpStatusCode.Conflict, "vault.already_exists");
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.EqualTo(3));
    }

    private static IEnumerable<TestCaseData> DamagedArchives()
    {
        yield return new TestCaseData((Func<List<string>, List<string>>)(l => l.Take(l.Count - 1).ToList())).SetName("ShouldRefuseATruncatedArchive");
        yield return new TestCaseData((Func<List<string>, List<string>>)(l => l.Skip(1).ToList())).SetName("ShouldRefuseAnArchiveWithoutHeader");
        yield return new TestCaseData((Func<List<string>, List<string>>)(l => l.Where(x => !x.Contains("\"entryVersion\"", StringComparison.Ordinal)).ToList()))
            .SetName("ShouldRefuseAnArchiveWhoseCountsDoNotMatch");
        yield return new TestCaseData((Func<List<string>, List<string>>)(l => [.. l.Take(2), "{not json", .. l.Skip(2)])).SetName("ShouldRefuseALineThatIsNotARecord");
        yield return new TestCaseData((Func<List<string>, List<string>>)(l => l.Where((x, i) => !(x.Contains("\"attachmentChunk\"", StringComparison.Ordinal) && l.FindIndex(y => y.Contains("\"attachmentChunk\"", StringComparison.Ordinal)) == i)).ToList()))
            .SetName("ShouldRefuseAnAttachmentWithAMissingChunk");
        yield return new TestCaseData((Func<List<string>, List<string>>)(l => l.Select(x => x.Contains("\"entry\"", StringComparison.Ordinal)
            ? JsonNode.Parse(x)!.Pipe(n => { n["ciphertext"] = Convert.ToBase64String(new byte[60]); return n.ToJsonString(); }) : x).ToList()))
            .SetName("ShouldRefuseAnEntryThatIsNotAnEnvelope");
        yield return new TestCaseData((Func<List<string>, List<string>>)(l => l.Select(x => x.Contains("\"entry\"", StringComparison.Ordinal)
            ? JsonNode.Parse(x)!.Pipe(n => { n["updatedAt"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O"); return n.ToJsonString(); }) : x).ToList()))
            .SetName("ShouldRefuseAnEntryUpdatedInTheFuture");
        yield return new TestCaseData((Func<List<string>, List<string>>)(l => l.Select(x => x.Contains("\"entry\"", StringComparison.Ordinal)
            ? JsonNode.Parse(x)!.Pipe(n => { n["createdAt"] = n["updatedAt"]!.GetValue<DateTimeOffset>().AddDays(1).ToString("O"); return n.ToJsonString(); }) : x).ToList()))
            .SetName("ShouldRefuseAnEntryCreatedAfterItsUpdate");
    }

    [Test]
    public async Task ShouldKeepTheEntriesCreatedAndUpdatedTimes()
    {
        var (alice, _, _) = await ArrangeAsync();
        using var client = TestApp.CreateClient(alice.AccessToken);
        var lines = (await client.GetStringAsync("/api/v1/export")).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var created = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var shifted = lines.Select(x => JsonNode.Parse(x)!.Pipe(n =>
        {
            if (n["type"]!.GetValue<string>() == "entry") (n["createdAt"], n["updatedAt"]) = (created.ToString("O"), created.AddDays(30).ToString("O"));
            if (n["type"]!.GetValue<string>() == "entryVersion") n["createdAt"] = created.AddDays(1).ToString("O");
            return n.ToJsonString();
        })).ToList();
        Assert.That(lines.Where(x => x.Contains("\"entry\"", StringComparison.Ordinal)).Select(x => JsonNode.Parse(x)!["updatedAt"]), Is.All.Not.Null, "exported with their times");
        await EmptyVaultSchemaAsync();

        using var import = await client.PostAsync("/api/v1/import", new StringContent(string.Join('\n', shifted), Encoding.UTF8, "application/x-ndjson"));
        Assert.That(import.StatusCode, Is.EqualTo(HttpStatusCode.OK), await import.Content.ReadAsStringAsync());

        var again = (await client.GetStringAsync("/api/v1/export")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(x => JsonNode.Parse(x)!).ToList();
        Assert.Multiple(() =>
        {
            foreach (var entry in again.Where(n => n["type"]!.GetValue<string>() == "entry"))
            {
                Assert.That(entry["createdAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(created));
                Assert.That(entry["updatedAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(created.AddDays(30)));
            }

            foreach (var version in again.Where(n => n["type"]!.GetValue<string>() == "entryVersion"))
                Assert.That(version["createdAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(created.AddDays(1)));
        });
    }

    [TestCaseSource(nameof(DamagedArchives))]
    public async Task ShouldRefuseADamagedArchive(Func<List<string>, List<string>> damage)
    {
        var (alice, _, _) = await ArrangeAsync();
        using var client = TestApp.CreateClient(alice.AccessToken);
        var lines = (await client.GetStringAsync("/api/v1/export")).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        await EmptyVaultSchemaAsync();

        using var import = await client.PostAsync("/api/v1/import",
            new StringContent(string.Join('\n', damage(lines)), Encoding.UTF8, "application/x-ndjson"));

        await import.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.invalid_archive");
    }

    private static async Task<(LoggedIn Alice, Guid VaultId, Dictionary<Guid, string> Entries)> ArrangeAsync()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client, "personal");
        var entries = new Dictionary<Guid, string>();
        foreach (var size in new[] { 100, 200, 20_000 })
        {
            var id = Guid.NewGuid();
            entries[id] = TestVaults.Ciphertext(size);
            await TestVaults.PutEntryAsync(client, vaultId, id, entries[id]);
        }

        var edited = entries.Keys.First();
        entries[edited] = TestVaults.Ciphertext();
        await TestVaults.PutEntryAsync(client, vaultId, edited, entries[edited], replaces: 1);

        using var file = new ByteArrayContent(Attachment);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using var upload = await client.PutAsync($"/api/v1/vaults/{vaultId}/entries/{edited}/attachments/{AttachmentId}?keyEpoch=1", file);
        Assert.That(upload.IsSuccessStatusCode, Is.True, await upload.Content.ReadAsStringAsync());
        return (alice, vaultId, entries);
    }

    private static async Task EmptyVaultSchemaAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "TRUNCATE vault.vaults, vault.access_records, vault.entries, vault.entry_versions, vault.attachments CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<JsonNode>> ReadLinesAsync(HttpResponseMessage response) =>
        [.. (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    private static string WithoutTimestamps(string archive) =>
        string.Join('\n', archive.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var node = JsonNode.Parse(line)!.AsObject();
            node.Remove("exportedAt");
            return node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        }));
}

internal static class PipeExtensions
{
    public static TResult Pipe<T, TResult>(this T value, Func<T, TResult> next) => next(value);
}
