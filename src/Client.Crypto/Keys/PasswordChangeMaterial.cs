using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>What a master-password change sends: only the USK is re-wrapped; private keys and vaults are untouched.</summary>
/// <param name="AuthHash">New 32-byte authHash.</param>
/// <param name="Salt">New 16-byte salt.</param>
/// <param name="Kdf">Argon2id parameters used for the new password.</param>
/// <param name="EncryptedUserKey">74-byte envelope of the same USK under the new KEK.</param>
public sealed record PasswordChangeMaterial(byte[] AuthHash, byte[] Salt, KdfParameters Kdf, byte[] EncryptedUserKey);
