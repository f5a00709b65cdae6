using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using PasswordManager.EndToEndTests.Infrastructure;

namespace PasswordManager.EndToEndTests.CrashConsistency;

/// <summary>
/// SIGKILL of the real server while it commits a large staged re-key (thousands of entries, inline and in the
/// blob store, plus attachments, and a revocation): after a restart the vault is wholly on the old key epoch
/// or wholly on the new one, every referenced blob can be read, and an interrupted session can be committed.
/// </summary>
public sealed class RekeyCrashTests
{
    private const int InlineEntries = 3000;
    private const int BlobEntries = 300;
    private const int Attachments = 5;

    [Test]
    public async Task ShouldLeaveTheVaultWhollyOnOneEpochAfterASigkillDuringTheCommit()
    {
        var work = Directory.CreateTempSubdirectory("pm-rekey-crash-").FullName;
        Guid vaultId, sessionId, bobId;
        string aliceToken, bobToken;
        List<Guid> attachmentIds;

        var server = await ServerProcess.StartAsync(work);
        var (killedInTransaction, killed) = (false, false);
        try
        {
            using var http = Client(server.Address, null);
            (var aliceId, aliceToken) = await RegisterAndLoginAsync(http, "alice");
            (bobId, bobToken) = await RegisterAndLoginAsync(http, "bob");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", aliceToken);
            vaultId = await CreateVaultAsync(http);
            await SendOkAsync(http.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members",
                new { userId = bobId, permission = "read", keyEpoch = 1, wrappedKey = WrappedKey(), granterSignature = Signature() }));

            var entries = Enumerable.Range(0, InlineEntries + BlobEntries).Select(i => (Id: Guid.NewGuid(), Blob: i >= InlineEntries)).ToList();
            foreach (var chunk in entries.Chunk(1000))
                await SendOkAsync(http.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/batch",
                    new { writes = chunk.Select(e => new { entryId = e.Id, keyEpoch = 1, ciphertext = Ciphertext(e.Blob ? 10_000 : 300) }) }));
            attachmentIds = [.. Enumerable.Range(0, Attachments).Select(_ => Guid.NewGuid())];
            for (var i = 0; i < Attachments; i++)
                await SendOkAsync(http.PutAsync($"/api/v1/vaults/{vaultId}/entries/{entries[i].Id}/attachments/{attachmentIds[i]}?keyEpoch=1", Body(50_000)));

            using var open = await http.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey-sessions", new { fromKeyEpoch = 1, revoke = new[] { bobId } });
            sessionId = (await ReadOkAsync(open)).GetProperty("sessionId").GetGuid();
            foreach (var chunk in entries.Chunk(1000))
                await SendOkAsync(http.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey-sessions/{sessionId}/entries",
                    new { entries = chunk.Select(e => new { entryId = e.Id, replacesVersion = 1, ciphertext = Ciphertext(e.Blob ? 10_000 : 300) }) }));
            foreach (var attachmentId in attachmentIds)
                await SendOkAsync(http.PutAsync($"/api/v1/vaults/{vaultId}/rekey-sessions/{sessionId}/attachments/{attachmentId}", Body(50_000)));

            // Commit, and kill the server as soon as the commit's transaction is seen writing entries.
            using var committing = Client(server.Address, aliceToken);
            var commit = committing.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey-sessions/{sessionId}/commit", new { members = new[] { Member(aliceId) } });
            var watch = Stopwatch.StartNew();
            while (!commit.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (await EntriesBeingWrittenAsync())
                {
                    killedInTransaction = true;
                    break;
                }
            }

            killed = true;
            await server.DisposeAsync();   // SIGKILL
            try
            {
                (await commit).Dispose();
            }
            catch (HttpRequestException)
            {
                // The connection died with the server: the commit was never acknowledged.
            }
        }
        catch
        {
            if (!killed) await server.DisposeAsync();
            throw;
        }

        await using var restarted = await ServerProcess.StartAsync(work);
        using var admin = Client(restarted.Address, aliceToken);
        var epoch = await AssertWhollyOnOneEpochAsync(admin, vaultId, attachmentIds);
        TestContext.Progress.WriteLine($"killed {(killedInTransaction ? "inside the commit transaction" : "after it")}; the vault is on epoch {epoch}");
        using var bob = Client(restarted.Address, bobToken);
        if (epoch == 1)
        {
            // Nothing was applied: the session is still there, complete, and commits now.
            Assert.That(killedInTransaction, Is.True);
            using (var bobRead = await bob.GetAsync($"/api/v1/vaults/{vaultId}")) Assert.That(bobRead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var state = await ReadOkAsync(await admin.GetAsync($"/api/v1/vaults/{vaultId}/rekey-sessions/{sessionId}"));
            Assert.That(state.GetProperty("uploadedEntries").GetInt32(), Is.EqualTo(InlineEntries + BlobEntries));
            Assert.That(state.GetProperty("uploadedAttachments").GetArrayLength(), Is.EqualTo(Attachments));
            var members = (await ReadOkAsync(await admin.GetAsync($"/api/v1/vaults/{vaultId}/members"))).GetProperty("items").EnumerateArray()
                .Select(m => m.GetProperty("userId").GetGuid()).Where(id => id != bobId).Select(Member).ToList();
            await SendOkAsync(admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey-sessions/{sessionId}/commit", new { members }));
            Assert.That(await AssertWhollyOnOneEpochAsync(admin, vaultId, attachmentIds), Is.EqualTo(2));
        }

        using var revoked = await bob.GetAsync($"/api/v1/vaults/{vaultId}");
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Directory.Delete(work, recursive: true);
    }

    /// <summary>Every live entry and attachment is on the vault's epoch, and every ciphertext and body can be read.</summary>
    private static async Task<long> AssertWhollyOnOneEpochAsync(HttpClient admin, Guid vaultId, List<Guid> attachmentIds)
    {
        var epoch = long.Parse(await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"SELECT key_epoch FROM vault.vaults WHERE id = '{vaultId}'"),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(epoch, Is.AnyOf(1L, 2L));
        var entriesOff = await PostgresSql.ExecuteAsync(E2eEnvironment.Database,
            $"SELECT count(*) FROM vault.entries WHERE vault_id = '{vaultId}' AND NOT deleted AND key_epoch <> {epoch}");
        var attachmentsOff = await PostgresSql.ExecuteAsync(E2eEnvironment.Database,
            $"SELECT count(*) FROM vault.attachments WHERE vault_id = '{vaultId}' AND NOT deleted AND key_epoch <> {epoch}");
        Assert.That((entriesOff, attachmentsOff), Is.EqualTo(("0", "0")), $"everything on epoch {epoch}");

        var live = await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"SELECT count(*) FROM vault.entries WHERE vault_id = '{vaultId}' AND NOT deleted");
        Assert.That(live, Is.EqualTo((InlineEntries + BlobEntries).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var ids = (await PostgresSql.ExecuteAsync(E2eEnvironment.Database,
                $"SELECT id FROM vault.entries WHERE vault_id = '{vaultId}' AND NOT deleted AND blob_key IS NOT NULL"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        Assert.That(ids, Has.Count.EqualTo(BlobEntries));
        foreach (var chunk in ids.Chunk(256))
        {
            // The batch fetch opens each blob-stored ciphertext: a missing blob would fail it.
            var fetched = await ReadOkAsync(await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/fetch", new { entryIds = chunk }));
            Assert.That(fetched.GetProperty("items").EnumerateArray().All(i => i.GetProperty("entry").GetProperty("keyEpoch").GetInt64() == epoch));
        }

        var owners = await PostgresSql.ExecuteAsync(E2eEnvironment.Database,
            $"SELECT id || ' ' || entry_id FROM vault.attachments WHERE vault_id = '{vaultId}' AND NOT deleted ORDER BY id");
        var rows = owners.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows, Has.Length.EqualTo(attachmentIds.Count));
        foreach (var row in rows)
        {
            var parts = row.Split(' ');
            using var download = await admin.GetAsync($"/api/v1/vaults/{vaultId}/entries/{parts[1]}/attachments/{parts[0]}");
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"attachment {parts[0]}");
            Assert.That((await download.Content.ReadAsByteArrayAsync()).Length, Is.EqualTo(50_000));
        }

        return epoch;
    }

    private static async Task<bool> EntriesBeingWrittenAsync() =>
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, """
            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND c.relname = 'entries' AND l.mode = 'RowExclusiveLock'
            """) != "0";

    private static HttpClient Client(Uri address, string? token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task SendOkAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    private static ByteArrayContent Body(int length)
    {
        var content = new ByteArrayContent(RandomNumberGenerator.GetBytes(length));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static object Member(Guid userId) => new { userId, wrappedKey = WrappedKey(), granterSignature = Signature() };

    private static string WrappedKey() => Convert.ToBase64String([0x01, 0x02, .. RandomNumberGenerator.GetBytes(104)]);

    private static string Signature() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    private static string Ciphertext(int plaintextBytes) =>
        Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(24 + plaintextBytes + 16)]);

    private static async Task<Guid> CreateVaultAsync(HttpClient http)
    {
        var vaultId = Guid.NewGuid();
        await SendOkAsync(http.PostAsJsonAsync("/api/v1/vaults", new { vaultId, kind = "shared", wrappedKey = WrappedKey(), granterSignature = Signature() }));
        return vaultId;
    }

    private static async Task<(Guid UserId, string Token)> RegisterAndLoginAsync(HttpClient http, string name)
    {
        var userId = Guid.NewGuid();
        var authHash = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var bundle = new byte[145];
        bundle[0] = 1;
        userId.TryWriteBytes(bundle.AsSpan(1, 16), bigEndian: true, out _);
        RandomNumberGenerator.Fill(bundle.AsSpan(17));
        var username = $"{name}-{userId.ToString("N")[..12]}";
        await SendOkAsync(http.PostAsJsonAsync("/api/v1/auth/register", new
        {
            userId,
            username,
            authHash,
            kdf = new { memoryKiB = 65536, iterations = 3, parallelism = 1 },
            kdfSalt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
            encryptedUserKey = Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(72)]),
            encryptedPrivateKeys = Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(104)]),
            publicKeyBundle = Convert.ToBase64String(bundle),
        }));
        var login = await ReadOkAsync(await http.PostAsJsonAsync("/api/v1/auth/login", new
        {
            username,
            authHash,
            device = new { id = Guid.NewGuid(), name = "rekey crash test", type = "server" },
        }));
        return (userId, login.GetProperty("accessToken").GetString()!);
    }
}
