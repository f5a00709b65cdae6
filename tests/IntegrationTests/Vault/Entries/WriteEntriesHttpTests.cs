using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Entries;

public sealed class WriteEntriesHttpTests : TestBase
{
    [Test]
    public async Task ShouldApplyCreatesReplacesAndDeletesInOneBatch()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var (kept, removed) = (Guid.NewGuid(), Guid.NewGuid());
        await TestVaults.PutEntryAsync(client, vaultId, kept, TestVaults.Ciphertext());
        await TestVaults.PutEntryAsync(client, vaultId, removed, TestVaults.Ciphertext());
        var fresh = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();

        using var response = await client.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/batch", new
        {
            writes = fresh.Select(id => new { entryId = id, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() })
                .Cast<object>()
                .Append(new { entryId = kept, replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() })
                .Append(new { entryId = removed, replacesVersion = 1, delete = true }),
        });

        var items = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(items, Has.Count.EqualTo(52));
        Assert.That(items.Select(i => i.GetProperty("revision").GetInt64()), Is.Unique);
        Assert.That(items.Single(i => i.GetProperty("entryId").GetGuid() == removed).GetProperty("deleted").GetBoolean(), Is.True);
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.EqualTo(52));
    }

    [Test]
    public async Task ShouldApplyNothingWhenOneWriteIsStale()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var existing = Guid.NewGuid();
        await TestVaults.PutEntryAsync(client, vaultId, existing, TestVaults.Ciphertext());
        await TestVaults.PutEntryAsync(client, vaultId, existing, TestVaults.Ciphertext(), replaces: 1);

        using var response = await client.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/batch", new
        {
            writes = new object[]
            {
                new { entryId = Guid.NewGuid(), keyEpoch = 1, ciphertext = TestVaults.Ciphertext() },
                new { entryId = existing, replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() },
            },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "vault.stale_version");
        Assert.That(problem.GetProperty("details").GetArrayLength(), Is.EqualTo(1));
        Assert.That(problem.GetProperty("details")[0].GetProperty("entryId").GetGuid(), Is.EqualTo(existing));
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRejectAnInvalidBatchAndStoreNothing()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var duplicate = Guid.NewGuid();

        using var response = await client.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/batch", new
        {
            writes = new object[]
            {
                new { entryId = duplicate, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() },
                new { entryId = duplicate, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() },
            },
        });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
    }

    [Test]
    public async Task ShouldLoseNoUpdateUnderConcurrentWriters()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var vaultId = await TestVaults.CreateAsync(TestApp.CreateClient(alice.AccessToken));
        var entryId = Guid.NewGuid();
        await TestVaults.PutEntryAsync(TestApp.CreateClient(alice.AccessToken), vaultId, entryId, TestVaults.Ciphertext());
        const int writers = 6, updatesEach = 5;

        async Task<int> WriteAsync()
        {
            using var client = TestApp.CreateClient(alice.AccessToken);
            var (succeeded, conflicts) = (0, 0);
            while (succeeded < updatesEach)
            {
                var current = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}")).ReadJsonAsync();
                var version = current.GetProperty("entry").GetProperty("version").GetInt64();
                using var put = await client.PutAsJsonAsync(
                    $"/api/v1/vaults/{vaultId}/entries/{entryId}", new { replacesVersion = version, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });
                if (put.StatusCode == HttpStatusCode.OK) succeeded++;
                else if (put.StatusCode == HttpStatusCode.Conflict) conflicts++;
                else Assert.Fail($"unexpected {put.StatusCode}");
            }

            return conflicts;
        }

        var conflictCounts = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync)));

        using var reader = TestApp.CreateClient(alice.AccessToken);
        var final = await (await reader.GetAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}")).ReadJsonAsync();
        Assert.That(final.GetProperty("entry").GetProperty("version").GetInt64(), Is.EqualTo(1 + (writers * updatesEach)));
        TestContext.Progress.WriteLine($"concurrent writers: {conflictCounts.Sum()} conflicts resolved by retry");
    }
}
