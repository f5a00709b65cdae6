using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using PasswordManager.Application.Encryption;

namespace PasswordManager.Infrastructure.Encryption.Keys;

/// <summary>
/// Process-local, bounded, short-lived cache of context snapshots and unwrapped data keys. Client master keys
/// appear in cache keys only as an HMAC under a per-process random secret, never as such.
/// </summary>
internal sealed class KeyCache(EncryptionPolicy policy) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = policy.KeyCacheSize });
    private readonly byte[] fingerprintSecret = RandomNumberGenerator.GetBytes(32);

    public bool TryGet<T>(object key, out T? value) => cache.TryGetValue(key, out value);

    public void Set(object key, object value) =>
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = policy.KeyCacheTtl });

    public void Remove(object key) => cache.Remove(key);

    /// <summary>Forgets everything (tests reset the database underneath a running host).</summary>
    public void Clear() => cache.Clear();

    public string Fingerprint(byte[]? clientMasterKey) =>
        clientMasterKey is null ? "platform" : Convert.ToHexString(HMACSHA256.HashData(fingerprintSecret, clientMasterKey));

    public void Dispose() => cache.Dispose();
}

/// <summary>The platform master key (configuration or key file), never stored in the database.</summary>
internal sealed class PlatformMasterKey(byte[] key)
{
    public byte[] Key { get; } = key;
}
