using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;
using PasswordManager.Domain.Encryption.Crypto;

namespace PasswordManager.Application.Encryption.Keys;

/// <summary>
/// Key material of the encryption contexts: finds a context (cached, so a hot encrypt needs no database round
/// trip), unwraps a version's key with the platform or client master key (cached in memory only), and wraps new
/// keys. A master key is never stored, logged or returned.
/// </summary>
public interface IKeyRing
{
    ValueTask<EncryptionContextSnapshot?> FindAsync(TenantId tenant, string encryptionId, CancellationToken cancellationToken);

    /// <summary>
    /// The plain data key of <paramref name="version"/>. Fails with <see cref="MasterKeyRequired"/>,
    /// <see cref="MasterKeyNotExpected"/> or <see cref="MasterKeyMismatch"/>, never with an exception for a wrong key.
    /// </summary>
    Result<DataKey> Unlock(EncryptionContextSnapshot context, KeyVersionSnapshot version, byte[]? clientMasterKey);

    /// <summary>Makes a fresh random data key for <paramref name="versionId"/> and returns it wrapped.</summary>
    byte[] NewWrappedKey(TenantId tenant, string encryptionId, Guid versionId, byte[]? clientMasterKey);

    /// <summary>Drops the cached copy after a change, so this replica sees it at once.</summary>
    void Invalidate(TenantId tenant, string encryptionId);
}
