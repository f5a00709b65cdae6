using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Infrastructure.Vault.Persistence;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault;

/// <summary>Vaults and entries made of random bytes in the v1 formats (the server checks format only).</summary>
internal static class TestVaults
{
    public static string WrappedKey() => Convert.ToBase64String([0x01, 0x02, .. RandomNumberGenerator.GetBytes(104)]);

    public static string Signature() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public static string Ciphertext(int plaintextBytes = 200) =>
        Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(24 + plaintextBytes + 16)]);

    public static object NewVaultBody(Guid? vaultId = null, string kind = "shared") => new
    {
        vaultId = vaultId ?? Guid.NewGuid(),
        kind,
        encryptedMetadata = Ciphertext(32),
        wrappedKey = WrappedKey(),
        granterSignature = Signature(),
    };

    public static async Task<Guid> CreateAsync(HttpClient client, string kind = "shared")
    {
        var vaultId = Guid.NewGuid();
        using var response = await client.PostAsJsonAsync("/api/v1/vaults", NewVaultBody(vaultId, kind));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync() + TestApp.Factory.Logs.RecentErrors);
        return vaultId;
    }

    public static async Task<JsonElement> PutEntryAsync(HttpClient client, Guid vaultId, Guid entryId, string ciphertext, long? replaces = null, long keyEpoch = 1)
    {
        using var response = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{entryId}", new { replacesVersion = replaces, keyEpoch, ciphertext });
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.OK), await response.Content.ReadAsStringAsync() + TestApp.Factory.Logs.RecentErrors);
        return await response.ReadJsonAsync();
    }

    /// <summary>Stands in for the Sharing module's grant: writes an access record straight into the database.</summary>
    public static async Task GrantDirectlyAsync(Guid vaultId, Guid userId, Permission permission, DateTimeOffset? expiresAt = null)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        await using var vaultLock = await db.LockVaultAsync(vaultId, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var revision = vaultLock!.Vault.NextRevision(now);
        db.AccessRecords.Add(AccessRecord.Grant(
            vaultId, new UserId(userId), permission, vaultLock.Vault.KeyEpoch, Convert.FromBase64String(WrappedKey()),
            vaultLock.Vault.CreatedBy, Convert.FromBase64String(Signature()), expiresAt, revision, now));
        await vaultLock.CommitAsync(CancellationToken.None);
    }

    public static async Task RevokeDirectlyAsync(Guid vaultId, Guid userId)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        await using var vaultLock = await db.LockVaultAsync(vaultId, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var record = db.AccessRecords.Single(r => r.VaultId == vaultId && r.UserId == new UserId(userId));
        record.Revoke(vaultLock!.Vault.NextRevision(now), now);
        await vaultLock.CommitAsync(CancellationToken.None);
    }
}
