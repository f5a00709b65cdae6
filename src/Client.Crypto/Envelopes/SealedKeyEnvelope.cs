using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Envelopes;

/// <summary>
/// Seals a 32-byte key for a recipient's X25519 public key:
/// 0x01 | 0x02 | ephemeralPublicKey(32) | nonce(24) | ciphertext || tag(48).
/// wrapKey = HKDF-SHA256(ikm = X25519(eph, recipient), salt = ephPub || recipientPub, info = "pm/v1/seal", 32).
/// </summary>
internal static class SealedKeyEnvelope
{
    private const int ephemeralOffset = EnvelopeFormat.HeaderSize;
    private const int nonceOffset = ephemeralOffset + X25519Exchange.KeySize;
    private const int ciphertextOffset = nonceOffset + EnvelopeFormat.NonceSize;

    private static readonly byte[] info = Encoding.UTF8.GetBytes(Labels.Seal);

    public static byte[] Seal(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> associatedData)
    {
        using var ephemeral = Key.Create(X25519Exchange.Algorithm);
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Seal(recipientPublicKey, payload, associatedData, ephemeral, nonce);
    }

    /// <summary>Deterministic overload for known-answer tests (fixed ephemeral key and nonce).</summary>
    public static byte[] Seal(
        ReadOnlySpan<byte> recipientPublicKey,
        ReadOnlySpan<byte> payload,
        ReadOnlySpan<byte> associatedData,
        Key ephemeralPrivateKey,
        ReadOnlySpan<byte> nonce)
    {
        if (payload.Length != EnvelopeFormat.KeySize)
        {
            throw new ArgumentException($"Only {EnvelopeFormat.KeySize}-byte keys are sealed.", nameof(payload));
        }

        var envelope = new byte[EnvelopeFormat.SealedKeySize];
        envelope[0] = EnvelopeFormat.Version1;
        envelope[1] = EnvelopeFormat.AlgorithmSealedX25519XChaCha20Poly1305;
        var ephemeralPublic = envelope.AsSpan(ephemeralOffset, X25519Exchange.KeySize);
        ephemeralPrivateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey).CopyTo(ephemeralPublic);
        nonce.CopyTo(envelope.AsSpan(nonceOffset, EnvelopeFormat.NonceSize));

        using var wrapKey = DeriveWrapKey(ephemeralPrivateKey, recipientPublicKey, ephemeralPublic, recipientPublicKey)
            ?? throw new CryptoFormatException("The recipient X25519 public key is a low-order point.");
        Aead.Encrypt(wrapKey, nonce, associatedData, payload, envelope.AsSpan(ciphertextOffset));
        return envelope;
    }

    public static void Open(
        Key recipientPrivateKey,
        ReadOnlySpan<byte> envelope,
        ReadOnlySpan<byte> associatedData,
        Span<byte> payload)
    {
        if (envelope.Length != EnvelopeFormat.SealedKeySize)
        {
            throw new CryptoFormatException($"A sealed key is {EnvelopeFormat.SealedKeySize} bytes, got {envelope.Length}.");
        }

        SymmetricEnvelope.CheckHeader(envelope, EnvelopeFormat.AlgorithmSealedX25519XChaCha20Poly1305);
        var ephemeralPublic = envelope.Slice(ephemeralOffset, X25519Exchange.KeySize);
        var recipientPublic = recipientPrivateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        using var wrapKey = DeriveWrapKey(recipientPrivateKey, ephemeralPublic, ephemeralPublic, recipientPublic)
            ?? throw new DecryptionFailedException("The sealed key could not be opened: invalid ephemeral public key.");
        if (!Aead.TryDecrypt(wrapKey, envelope.Slice(nonceOffset, EnvelopeFormat.NonceSize), associatedData, envelope[ciphertextOffset..], payload))
        {
            throw new DecryptionFailedException(
                "The sealed key could not be opened: wrong recipient, tampered bytes, or a different context (AAD).");
        }
    }

    private static Key? DeriveWrapKey(
        Key privateKey, ReadOnlySpan<byte> peerPublicKey, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic)
    {
        Span<byte> shared = stackalloc byte[X25519Exchange.KeySize];
        Span<byte> salt = stackalloc byte[2 * X25519Exchange.KeySize];
        try
        {
            if (!X25519Exchange.TryAgree(privateKey, peerPublicKey, shared))
            {
                return null;
            }

            ephemeralPublic.CopyTo(salt);
            recipientPublic.CopyTo(salt[X25519Exchange.KeySize..]);
            return Hkdf.DeriveAeadKey(shared, salt, info);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }
}
