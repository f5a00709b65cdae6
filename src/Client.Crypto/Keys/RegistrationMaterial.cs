using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>Everything the client sends at registration; nothing in it lets the server decrypt anything.</summary>
/// <param name="AuthHash">32 bytes; the server stores its own slow hash of it.</param>
/// <param name="Salt">16 random bytes, returned by prelogin.</param>
/// <param name="Kdf">Argon2id parameters, returned by prelogin.</param>
/// <param name="EncryptedUserKey">74-byte symmetric envelope of the USK under the KEK.</param>
/// <param name="EncryptedPrivateKeys">106-byte symmetric envelope of x25519Private || ed25519Seed under the USK.</param>
/// <param name="PublicKeyBundle">145-byte self-signed public key bundle.</param>
public sealed record RegistrationMaterial(
    byte[] AuthHash,
    byte[] Salt,
    KdfParameters Kdf,
    byte[] EncryptedUserKey,
    byte[] EncryptedPrivateKeys,
    byte[] PublicKeyBundle);
