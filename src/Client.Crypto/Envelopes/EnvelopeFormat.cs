namespace PasswordManager.Client.Crypto.Envelopes;

/// <summary>Header bytes and fixed sizes of the v1 wire formats (docs/crypto-format.md).</summary>
public static class EnvelopeFormat
{
    public const byte Version1 = 0x01;

    /// <summary>Symmetric envelope: 0x01 | 0x01 | nonce(24) | ciphertext || tag(16).</summary>
    public const byte AlgorithmXChaCha20Poly1305 = 0x01;

    /// <summary>Sealed key: 0x01 | 0x02 | ephemeral X25519 public key(32) | nonce(24) | ciphertext || tag(16).</summary>
    public const byte AlgorithmSealedX25519XChaCha20Poly1305 = 0x02;

    public const int HeaderSize = 2;
    public const int NonceSize = 24;
    public const int TagSize = 16;
    public const int KeySize = 32;

    /// <summary>Bytes a symmetric envelope adds to its plaintext: header + nonce + tag = 42.</summary>
    public const int SymmetricOverhead = HeaderSize + NonceSize + TagSize;

    /// <summary>Sealed 32-byte vault key: 2 + 32 + 24 + 32 + 16 = 106.</summary>
    public const int SealedKeySize = HeaderSize + 32 + NonceSize + KeySize + TagSize;

    /// <summary>encryptedUserKey: symmetric envelope of the 32-byte USK = 74.</summary>
    public const int EncryptedUserKeySize = KeySize + SymmetricOverhead;

    /// <summary>encryptedPrivateKeys: symmetric envelope of x25519Private(32) || ed25519Seed(32) = 106.</summary>
    public const int EncryptedPrivateKeysSize = (2 * KeySize) + SymmetricOverhead;
}
