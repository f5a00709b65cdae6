using System.Net;
using System.Net.Http.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Storage.CollectBlobGarbage;
using PasswordManager.Application.Vault.Storage.PurgeTombstones;
using PasswordManager.Domain.Vault.Storage;
using PasswordManager.Infrastructure.Vault.Persistence;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Storage;

public sealed class VaultMaintenanceTests : TestBase
{
    [Test]
    public async Task ShouldDeleteABlobWhoseWriteNeverCommitted()
    {
        await using var app = new ApiFactory(new Dictionary<string, string?> { ["Vault:PendingBlobGrace"] = "00:00:00" });
        await using var scope = app.Services.CreateAsyncScope();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        const string orphan = "vaults/0123/entries/4567/crashed-write";
        db.BlobGarbage.Add(BlobGarbage.PendingWrite(orphan, DateTimeOffset.UtcNow, TimeSpan.Zero));
        await db.SaveChangesAsync();
        await blobs.PutAsync(orphan, new MemoryStream([1, 2, 3]), CancellationToken.None);

        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CollectBlobGarbageCommand(100));

        Assert.That(result.Deleted, Is.EqualTo(1));
        Assert.That(await blobs.ExistsAsync(orphan, CancellationToken.None), Is.False);
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.Zero);
    }

    [Test]
    public async Task ShouldNotCollectABlobThatIsStillWithinItsGracePeriod()
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        db.BlobGarbage.Add(BlobGarbage.PendingWrite("vaults/a/entries/b/in-flight", DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
        await db.SaveChangesAsync();

        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CollectBlobGarbageCommand(100));

        Assert.That(result.Deleted, Is.Zero);
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldPurgeExpiredTombstonesAndSendOlderCursorsToAFullResync()
    {
        await using var app = new ApiFactory(new Dictionary<string, string?> { ["Vault:TombstoneRetention"] = "00:00:00" });
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var (kept, deleted) = (Guid.NewGuid(), Guid.NewGuid());
        await TestVaults.PutEntryAsync(client, vaultId, kept, TestVaults.Ciphertext());
        await TestVaults.PutEntryAsync(client, vaultId, deleted, TestVaults.Ciphertext(20_000));
        var oldCursor = (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/sync")).GetProperty("cursor").GetString();
        (await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{deleted}?version=1")).Dispose();

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeTombstonesCommand(100));
        using var stale = await client.GetAsync($"/api/v1/sync?cursor={Uri.EscapeDataString(oldCursor!)}");
        using var fresh = await client.GetAsync("/api/v1/sync");

        Assert.That(result.Tombstones, Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync("vault.entry_versions"), Is.Zero, "the deleted entry's history goes with it");
        await stale.AssertProblemAsync(HttpStatusCode.Conflict, "vault.resync_required");
        Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var blobs = Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "blobs"), "*", SearchOption.AllDirectories);
        Assert.That(blobs, Is.Empty, "the deleted entry's blob-stored version is deleted with it");
    }
    [Test]
    public async Task ShouldPurgeTheAttachmentsOfAPurgedEntryAndExpiredAttachmentTombstones()
    {
        await using var app = new ApiFactory(new Dictionary<string, string?> { ["Vault:TombstoneRetention"] = "00:00:00" });
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var (kept, deleted) = (Guid.NewGuid(), Guid.NewGuid());
        await TestVaults.PutEntryAsync(client, vaultId, kept, TestVaults.Ciphertext());
        await TestVaults.PutEntryAsync(client, vaultId, deleted, TestVaults.Ciphertext());
        var (ofDeletedEntry, detached, survivor) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await UploadAsync(client, vaultId, deleted, ofDeletedEntry);
        await UploadAsync(client, vaultId, kept, detached);
        await UploadAsync(client, vaultId, kept, survivor);
        (await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{kept}/attachments/{detached}")).Dispose();
        (await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{deleted}?version=1")).Dispose();

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeTombstonesCommand(100));

        Assert.That((result.Tombstones, result.Attachments), Is.EqualTo((1, 2)));
        Assert.That(await TestDatabase.CountAsync("vault.attachments"), Is.EqualTo(1), "only the live entry's live attachment is left");
        var blobs = Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "blobs"), "*", SearchOption.AllDirectories)
            .Where(path => path.Contains("attachments", StringComparison.Ordinal)).ToList();
        Assert.That(blobs, Has.Count.EqualTo(1), "the purged entry's attachment blob is deleted with it");
        using var download = await client.GetAsync($"/api/v1/vaults/{vaultId}/entries/{kept}/attachments/{survivor}");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task UploadAsync(HttpClient client, Guid vaultId, Guid entryId, Guid attachmentId)
    {
        using var file = new ByteArrayContent(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3_000));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using var upload = await client.PutAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}/attachments/{attachmentId}?keyEpoch=1", file);
        Assert.That(upload.IsSuccessStatusCode, Is.True, await upload.Content.ReadAsStringAsync());
    }
}
