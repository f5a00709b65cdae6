using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;
using PasswordManager.Domain.Encryption.Crypto;
using PasswordManager.Application.Encryption;

namespace PasswordManager.Infrastructure.Encryption.Keys;

/// <summary>
/// Keys are wrapped by a per-tenant key-encryption key, HKDF-SHA256(master key, info = "pm/enc/v1/kek" || tenant),
/// where the master key is the platform's or the caller's <c>X-Master-Key</c>. The database is leased only on a cache miss.
/// </summary>
internal sealed class KeyRing(Lazy<IEncryptionDbContext> db, KeyCache cache, PlatformMasterKey platform) : IKeyRing
{
    private static readonly byte[] kekLabel = Encoding.ASCII.GetBytes("pm/enc/v1/kek");

    public async ValueTask<EncryptionContextSnapshot?> FindAsync(TenantId tenant, string encryptionId, CancellationToken cancellationToken)
    {
        var cacheKey = ContextKey(tenant, encryptionId);
        if (cache.TryGet<EncryptionContextSnapshot>(cacheKey, out var cached)) return cached;

        var context = await db.Value.Contexts.AsNoTracking().Include(c => c.Versions)
            .SingleOrDefaultAsync(c => c.TenantId == tenant && c.EncryptionId == encryptionId, cancellationToken);
        if (context is null) return null;
        var snapshot = context.ToSnapshot();
        cache.Set(cacheKey, snapshot);
        return snapshot;
    }

    public Result<DataKey> Unlock(EncryptionContextSnapshot context, KeyVersionSnapshot version, byte[]? clientMasterKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(version);
        if (context.Protection == KeyProtection.ClientMasterKey && clientMasterKey is null) return new MasterKeyRequired();
        if (context.Protection == KeyProtection.Platform && clientMasterKey is not null) return new MasterKeyNotExpected();
        if (version.WrappedKey is null) return new KeyVersionDestroyed();

        var cacheKey = (nameof(Unlock), version.Id, cache.Fingerprint(clientMasterKey));
        if (cache.TryGet<DataKey>(cacheKey, out var cached)) return cached!;

        var kek = DeriveKek(context.TenantId, clientMasterKey ?? platform.Key);
        var key = KeyWrap.Unwrap(kek, version.WrappedKey, EncryptionAad.ForKeyWrap(context.TenantId, context.EncryptionId, version.Id));
        CryptographicOperations.ZeroMemory(kek);
        if (key is null)
        {
            if (clientMasterKey is not null) return new MasterKeyMismatch();
            throw new InvalidOperationException(
                "The platform master key does not unwrap a stored key version. Was Encryption:MasterKey or its key file replaced?");
        }

        var dataKey = new DataKey(key);
        CryptographicOperations.ZeroMemory(key);
        cache.Set(cacheKey, dataKey);
        return dataKey;
    }

    public byte[] NewWrappedKey(TenantId tenant, string encryptionId, Guid versionId, byte[]? clientMasterKey)
    {
        var key = Aes256Gcm.NewKey();
        var kek = DeriveKek(tenant, clientMasterKey ?? platform.Key);
        try
        {
            return KeyWrap.Wrap(kek, key, EncryptionAad.ForKeyWrap(tenant, encryptionId, versionId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    public void Invalidate(TenantId tenant, string encryptionId) => cache.Remove(ContextKey(tenant, encryptionId));

    private static (string, TenantId, string) ContextKey(TenantId tenant, string encryptionId) => ("context", tenant, encryptionId);

    private static byte[] DeriveKek(TenantId tenant, byte[] masterKey)
    {
        var info = new byte[kekLabel.Length + 16];
        kekLabel.CopyTo(info, 0);
        tenant.Value.TryWriteBytes(info.AsSpan(kekLabel.Length), bigEndian: true, out _);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, Aes256Gcm.KeySize, salt: [], info: info);
    }
}
