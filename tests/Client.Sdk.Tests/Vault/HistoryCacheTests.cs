using System.Text.Json;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Sdk.Tests.Vault;

/// <summary>The local cache keeps each vault's verified history; a cache written before signed history is migrated.</summary>
public sealed class HistoryCacheTests
{
    [Test]
    public void AFormatOneCacheOpensWithItsEntriesAndWithoutItsCursorSoTheNextSyncVerifiesEverything()
    {
        using var keys = AccountKeys.Create(Guid.NewGuid());
        using var key = LocalCacheKey.Derive(keys);
        var old = JsonSerializer.SerializeToUtf8Bytes(new
        {
            format = 1,
            userId = keys.UserId,
            cursor = "old-cursor",
            vaults = new Dictionary<Guid, object>(),
            entries = new Dictionary<Guid, CachedEntry>
            {
                [Guid.Empty] = new(Guid.Empty, Guid.NewGuid(), 3, 1, false, DateTimeOffset.UnixEpoch, keys.UserId, [1, 2, 3]),
            },
        });

        var opened = LocalVaultCache.Open(key, key.Seal(old));

        Assert.Multiple(() =>
        {
            Assert.That(opened.Format, Is.EqualTo(LocalVaultCache.CurrentFormat));
            Assert.That(opened.Cursor, Is.Null, "the next sync is full");
            Assert.That(opened.Entries[Guid.Empty].Version, Is.EqualTo(3), "held versions still catch a rollback");
            Assert.That(opened.History, Is.Empty);
            Assert.That(opened.HistoryRejected, Is.Empty);
        });
    }

    [Test]
    public void AFutureFormatIsRefused()
    {
        using var keys = AccountKeys.Create(Guid.NewGuid());
        using var key = LocalCacheKey.Derive(keys);
        var future = JsonSerializer.SerializeToUtf8Bytes(new { format = LocalVaultCache.CurrentFormat + 1, userId = keys.UserId });

        Assert.That(() => LocalVaultCache.Open(key, key.Seal(future)), Throws.InstanceOf<JsonException>());
    }
}
