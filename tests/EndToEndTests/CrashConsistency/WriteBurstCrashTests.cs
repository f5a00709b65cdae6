using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using PasswordManager.EndToEndTests.Infrastructure;

namespace PasswordManager.EndToEndTests.CrashConsistency;

/// <summary>
/// SIGKILL of the real server in the middle of a write burst (inline and blob-stored entries, single writes
/// and batches), then a restart on the same database and blob store: every acknowledged write must be
/// readable as acknowledged, and no entry or kept version may reference a missing blob.
/// </summary>
public sealed class WriteBurstCrashTests
{
    private const int Writers = 6;

    [Test]
    public async Task ShouldKeepEveryAcknowledgedWriteAcrossASigkill()
    {
        var work = Directory.CreateTempSubdirectory("pm-crash-").FullName;
        var acknowledged = new ConcurrentDictionary<Guid, (long Version, string Ciphertext)>();
        Guid vaultId;
        string token;

        var server = await ServerProcess.StartAsync(work);
        var crashed = false;
        try
        {
            using var http = new HttpClient { BaseAddress = server.Address };
            token = await RegisterAndLoginAsync(http);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            vaultId = await CreateVaultAsync(http);

            using var stop = new CancellationTokenSource();
            var burst = Enumerable.Range(0, Writers)
                .Select(w => Task.Run(() => WriteUntilStoppedAsync(server.Address, token, vaultId, w, acknowledged, stop.Token)))
                .ToList();
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.That(acknowledged, Is.Not.Empty, "the burst should have written something before the crash");
            // DisposeAsync kills the process (SIGKILL) while the writers are still sending.
            crashed = true;
            await server.DisposeAsync();
            await stop.CancelAsync();
            await Task.WhenAll(burst);
        }
        finally
        {
            if (!crashed) await server.DisposeAsync();
        }

        TestContext.Progress.WriteLine($"crash after {acknowledged.Count} acknowledged entries");
        await using var restarted = await ServerProcess.StartAsync(work);
        using var client = new HttpClient { BaseAddress = restarted.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Every current version's ciphertext is read back through the batch fetch, which opens each blob.
        var current = new Dictionary<Guid, JsonElement>();
        foreach (var chunk in acknowledged.Keys.Chunk(256))
        {
            using var response = await client.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/fetch", new { entryIds = chunk });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            foreach (var item in (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray())
                current[item.GetProperty("entry").GetProperty("entryId").GetGuid()] = item;
        }

        foreach (var (entryId, (version, ciphertext)) in acknowledged)
        {
            Assert.That(current.TryGetValue(entryId, out var item), Is.True, $"acknowledged entry {entryId} is missing");
            var stored = item.GetProperty("entry").GetProperty("version").GetInt64();
            // A write in flight at the kill may have committed without its answer arriving: one version more.
            Assert.That(stored, Is.InRange(version, version + 1), $"entry {entryId}");
            if (stored == version) Assert.That(item.GetProperty("ciphertext").GetString(), Is.EqualTo(ciphertext), $"entry {entryId}");
        }

        await AssertKeptVersionsReadableAsync(client, vaultId, current.Where(c => c.Value.GetProperty("entry").GetProperty("version").GetInt64() > 1).Select(c => c.Key));
        TestContext.Progress.WriteLine($"after restart all {current.Count} acknowledged entries read back");
        Directory.Delete(work, recursive: true);
    }

    private static async Task WriteUntilStoppedAsync(
        Uri address, string token, Guid vaultId, int writer, ConcurrentDictionary<Guid, (long, string)> acknowledged, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var mine = new List<(Guid Id, long Version)>();
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            try
            {
                if (round % 3 == 2)
                {
                    var writes = Enumerable.Range(0, 20).Select(_ => (Id: Guid.NewGuid(), Ciphertext: Ciphertext(writer % 2 == 0 ? 300 : 12_000))).ToList();
                    using var batch = await http.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/batch",
                        new { writes = writes.Select(w => new { entryId = w.Id, keyEpoch = 1, ciphertext = w.Ciphertext }) }, stop);
                    if (batch.StatusCode != HttpStatusCode.OK) continue;
                    foreach (var (id, ciphertext) in writes) { acknowledged[id] = (1, ciphertext); mine.Add((id, 1)); }
                }
                else if (mine.Count > 0 && round % 3 == 1)
                {
                    var index = RandomNumberGenerator.GetInt32(mine.Count);
                    var (id, version) = mine[index];
                    var ciphertext = Ciphertext(writer % 2 == 0 ? 20_000 : 500);
                    using var put = await http.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{id}",
                        new { replacesVersion = version, keyEpoch = 1, ciphertext }, stop);
                    if (put.StatusCode != HttpStatusCode.OK) continue;
                    acknowledged[id] = (version + 1, ciphertext);
                    mine[index] = (id, version + 1);
                }
                else
                {
                    var (id, ciphertext) = (Guid.NewGuid(), Ciphertext(writer % 2 == 0 ? 9_000 : 200));
                    using var put = await http.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{id}", new { keyEpoch = 1, ciphertext }, stop);
                    if (put.StatusCode != HttpStatusCode.Created) continue;
                    acknowledged[id] = (1, ciphertext);
                    mine.Add((id, 1));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                // The server died mid-request: this write was never acknowledged.
                if (stop.IsCancellationRequested) return;
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static async Task AssertKeptVersionsReadableAsync(HttpClient client, Guid vaultId, IEnumerable<Guid> replacedEntries)
    {
        foreach (var id in replacedEntries)
        {
            var versions = await client.GetFromJsonAsync<JsonElement>($"/api/v1/vaults/{vaultId}/entries/{id}/versions");
            foreach (var version in versions.GetProperty("items").EnumerateArray())
            {
                using var old = await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{id}/versions/{version.GetProperty("version").GetInt64()}");
                Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"entry {id} version {version}");
            }
        }
    }

    private static string Ciphertext(int plaintextBytes) =>
        Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(24 + plaintextBytes + 16)]);

    private static async Task<Guid> CreateVaultAsync(HttpClient http)
    {
        var vaultId = Guid.NewGuid();
        using var response = await http.PostAsJsonAsync("/api/v1/vaults", new
        {
            vaultId,
            kind = "shared",
            wrappedKey = Convert.ToBase64String([0x01, 0x02, .. RandomNumberGenerator.GetBytes(104)]),
            granterSignature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return vaultId;
    }

    private static async Task<string> RegisterAndLoginAsync(HttpClient http)
    {
        var userId = Guid.NewGuid();
        var authHash = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var bundle = new byte[145];
        bundle[0] = 1;
        userId.TryWriteBytes(bundle.AsSpan(1, 16), bigEndian: true, out _);
        RandomNumberGenerator.Fill(bundle.AsSpan(17));
        var username = "crash-" + userId.ToString("N")[..12];
        using (var register = await http.PostAsJsonAsync("/api/v1/auth/register", new
        {
            userId,
            username,
            authHash,
            kdf = new { memoryKiB = 65536, iterations = 3, parallelism = 1 },
            kdfSalt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
            encryptedUserKey = Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(72)]),
            encryptedPrivateKeys = Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(104)]),
            publicKeyBundle = Convert.ToBase64String(bundle),
        }))
            Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.Created), await register.Content.ReadAsStringAsync());

        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new
        {
            username,
            authHash,
            device = new { id = Guid.NewGuid(), name = "crash test", type = "server" },
        });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
