using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Contracts.Encryption;

/// <summary>
/// The Encryption Service as the rest of the core sees it. Two adapters implement it: in-process (default) and
/// remote over HTTPS to a standalone encryption service (<c>Encryption:Adapter</c>). Contexts used through this
/// port are protected by the service's platform master key; a ciphertext is bound to its tenant, encryptionId and
/// key version, so it cannot be opened anywhere else.
/// </summary>
public interface IEncryptionService
{
    /// <summary>Encrypts with the newest key version, creating the context on first use.</summary>
    Task<Result<EncryptedPayload>> EncryptAsync(TenantId tenant, string encryptionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    Task<Result<byte[]>> DecryptAsync(TenantId tenant, EncryptedPayload payload, CancellationToken cancellationToken);

    /// <summary>Re-encrypts to the newest key version without exposing plaintext; all payloads must share one encryptionId.</summary>
    Task<Result<IReadOnlyList<EncryptedPayload>>> RewrapAsync(
        TenantId tenant, IReadOnlyList<EncryptedPayload> payloads, CancellationToken cancellationToken);
}

/// <summary>A ciphertext as the Encryption Service returns it: <c>ciphertext || tag</c> plus the 12-byte nonce.</summary>
public sealed record EncryptedPayload(string EncryptionId, Guid EncryptionVersionId, byte[] CipherText, byte[] Nonce);

/// <summary>A failure reported by a remote encryption service, carrying its stable problem code.</summary>
public sealed record EncryptionServiceFailed(string FailureCode, string FailureMessage, int Status)
    : Error(FailureCode, FailureMessage);
