using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Envelopes;

/// <summary>0x01 | 0x01 | nonce(24) | ciphertext || tag(16); the AAD is supplied by the caller, never stored.</summary>
internal static class SymmetricEnvelope
{
    private const int nonceOffset = EnvelopeFormat.HeaderSize;
    private const int ciphertextOffset = nonceOffset + EnvelopeFormat.NonceSize;

    public static byte[] Seal(Key key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Seal(key, plaintext, associatedData, nonce);
    }

    /// <summary>Deterministic overload for known-answer tests; production code always uses a random nonce.</summary>
    public static byte[] Seal(Key key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> nonce)
    {
        var envelope = GC.AllocateUninitializedArray<byte>(plaintext.Length + EnvelopeFormat.SymmetricOverhead);
        envelope[0] = EnvelopeFormat.Version1;
        envelope[1] = EnvelopeFormat.AlgorithmXChaCha20Poly1305;
        nonce.CopyTo(envelope.AsSpan(nonceOffset, EnvelopeFormat.NonceSize));
        Aead.Encrypt(key, nonce, associatedData, plaintext, envelope.AsSpan(ciphertextOffset));
        return envelope;
    }

    /// <summary>Validates the header and returns the plaintext length the envelope decrypts to.</summary>
    public static int GetPlaintextLength(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < EnvelopeFormat.SymmetricOverhead)
        {
            throw new CryptoFormatException(
                $"A symmetric envelope is at least {EnvelopeFormat.SymmetricOverhead} bytes, got {envelope.Length}.");
        }

        CheckHeader(envelope, EnvelopeFormat.AlgorithmXChaCha20Poly1305);
        return envelope.Length - EnvelopeFormat.SymmetricOverhead;
    }

    public static void Open(Key key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        var length = GetPlaintextLength(envelope);
        if (plaintext.Length != length)
        {
            throw new ArgumentException($"Plaintext buffer must be {length} bytes.", nameof(plaintext));
        }

        if (!Aead.TryDecrypt(key, envelope.Slice(nonceOffset, EnvelopeFormat.NonceSize), associatedData, envelope[ciphertextOffset..], plaintext))
        {
            throw new DecryptionFailedException(
                "The envelope could not be decrypted: wrong key, tampered bytes, or a different context (AAD).");
        }
    }

    public static byte[] Open(Key key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        var plaintext = new byte[GetPlaintextLength(envelope)];
        Open(key, envelope, associatedData, plaintext);
        return plaintext;
    }

    internal static void CheckHeader(ReadOnlySpan<byte> envelope, byte expectedAlgorithm)
    {
        if (envelope[0] != EnvelopeFormat.Version1)
        {
            throw new CryptoFormatException($"Unsupported envelope format version 0x{envelope[0]:x2}.");
        }

        if (envelope[1] != expectedAlgorithm)
        {
            throw new CryptoFormatException(
                $"Unexpected envelope algorithm 0x{envelope[1]:x2}; expected 0x{expectedAlgorithm:x2}.");
        }
    }
}
