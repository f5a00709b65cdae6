using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Encryption;

public sealed record EncryptionContextNotFound()
    : NotFoundError("encryption.context_not_found", "The encryption context does not exist.");

public sealed record EncryptionContextExists()
    : ConflictError("encryption.context_exists", "An encryption context with this encryptionId already exists.");

public sealed record KeyVersionNotFound()
    : NotFoundError("encryption.version_not_found", "The key version does not exist in this encryption context.");

public sealed record KeyVersionDisabled()
    : ConflictError("encryption.version_disabled", "The key version is disabled. Enable it or use another version.");

public sealed record KeyVersionDestroyed()
    : ConflictError("encryption.version_destroyed", "The key version has been destroyed; data encrypted with it cannot be decrypted.");

public sealed record KeyVersionRetired()
    : ConflictError("encryption.version_retired", "The key version is below the context's minimum decryption version.");

public sealed record KeyVersionIsLatest()
    : ConflictError("encryption.version_is_latest", "The newest key version cannot be disabled or destroyed; rotate first.");

public sealed record KeyVersionNotDestroyable()
    : ConflictError("encryption.version_not_destroyable", "Only a disabled version below the minimum decryption version can be destroyed.");

public sealed record KeyVersionStillInUse(long Fields)
    : ConflictError("encryption.version_in_use", "Registered encrypted fields still use this key version; let the re-encryption job finish first.");

public sealed record InvalidMinimumDecryptionVersion()
    : ValidationError("encryption.invalid_min_decryption_version", "The minimum decryption version must be between 1 and the newest version.");

public sealed record DecryptionFailed()
    : ValidationError("encryption.decryption_failed", "The ciphertext, metadata, version or context do not match; nothing was decrypted.");

public sealed record MasterKeyRequired()
    : ValidationError("encryption.master_key_required", "This encryption context is protected by a client master key; send it in X-Master-Key.");

public sealed record MasterKeyNotExpected()
    : ValidationError("encryption.master_key_not_expected", "This encryption context is protected by the platform master key; do not send X-Master-Key.");

public sealed record MasterKeyMismatch()
    : ForbiddenError("encryption.master_key_mismatch", "The X-Master-Key does not unlock this encryption context.");

public sealed record ReEncryptionNotAvailable()
    : ConflictError("encryption.reencryption_unavailable", "Contexts protected by a client master key cannot be re-encrypted by the server.");
