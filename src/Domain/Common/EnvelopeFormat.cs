namespace PasswordManager.Domain.Common;

/// <summary>
/// Format-only checks of client-produced key material (docs/crypto-format.md). The server never
/// decrypts or verifies these bytes; it only refuses what cannot be a well-formed envelope, so that
/// garbage is rejected with a clear 400 instead of being stored.
/// </summary>
public static class EnvelopeFormat
{
    public const byte Version1 = 0x01;
    public const byte SymmetricAlgorithm = 0x01;
    public const byte SealedAlgorithm = 0x02;

    /// <summary>Header (2) + XChaCha20 nonce (24) + Poly1305 tag (16).</summary>
    public const int SymmetricOverhead = 2 + 24 + 16;

    /// <summary>Header (2) + ephemeral X25519 key (32) + nonce (24) + tag (16).</summary>
    public const int SealedOverhead = 2 + 32 + 24 + 16;

    public const int KeyLength = 32;
    public const int AuthHashLength = 32;
    public const int KdfSaltLength = 16;
    public const int EncryptedUserKeyLength = SymmetricOverhead + KeyLength;
    public const int EncryptedPrivateKeysLength = SymmetricOverhead + (2 * KeyLength);
    public const int SealedKeyLength = SealedOverhead + KeyLength;

    /// <summary>Version (1) + user id (16) + X25519 key (32) + Ed25519 key (32) + Ed25519 signature (64).</summary>
    public const int PublicKeyBundleLength = 1 + 16 + 32 + 32 + 64;

    /// <summary>Version (1) + old bundle (145) + new bundle (145) + Ed25519 signature by the old key (64).</summary>
    public const int KeyHandoverLength = 1 + (2 * PublicKeyBundleLength) + 64;

    /// <summary>A version-2 hand-over: the version-1 layout with version byte 2, then the new key's signature (64), the back-link.</summary>
    public const int BackLinkedKeyHandoverLength = KeyHandoverLength + 64;

    public const byte KeyHandoverVersion2 = 0x02;

    public static bool IsSymmetricEnvelope(ReadOnlySpan<byte> envelope, int plaintextLength) =>
        envelope.Length == SymmetricOverhead + plaintextLength
        && envelope[0] == Version1
        && envelope[1] == SymmetricAlgorithm;

    public static bool IsSymmetricEnvelope(ReadOnlySpan<byte> envelope, int minPlaintextLength, int maxPlaintextLength) =>
        envelope.Length >= SymmetricOverhead + minPlaintextLength
        && envelope.Length <= SymmetricOverhead + maxPlaintextLength
        && envelope[0] == Version1
        && envelope[1] == SymmetricAlgorithm;

    public static bool IsSealedKey(ReadOnlySpan<byte> envelope) =>
        envelope.Length == SealedKeyLength && envelope[0] == Version1 && envelope[1] == SealedAlgorithm;

    /// <summary>A bundle is well-formed when it has the v1 layout and names <paramref name="owner"/>.</summary>
    public static bool IsPublicKeyBundleOf(ReadOnlySpan<byte> bundle, Guid owner)
    {
        if (bundle.Length != PublicKeyBundleLength || bundle[0] != Version1) return false;
        Span<byte> ownerBytes = stackalloc byte[16];
        owner.TryWriteBytes(ownerBytes, bigEndian: true, out _);
        return bundle.Slice(1, 16).SequenceEqual(ownerBytes);
    }

    /// <summary>
    /// A key hand-over statement is well-formed when it has the v1 or v2 layout (<see cref="KeyHandoverLengthOf"/>) and goes
    /// from exactly <paramref name="oldBundle"/> to exactly <paramref name="newBundle"/> (the signatures are for clients to verify).
    /// </summary>
    public static bool IsKeyHandover(ReadOnlySpan<byte> statement, ReadOnlySpan<byte> oldBundle, ReadOnlySpan<byte> newBundle) =>
        statement.Length > 0
        && statement.Length == KeyHandoverLengthOf(statement[0])
        && statement.Slice(1, PublicKeyBundleLength).SequenceEqual(oldBundle)
        && statement.Slice(1 + PublicKeyBundleLength, PublicKeyBundleLength).SequenceEqual(newBundle);

    /// <summary>The length of a hand-over statement of version <paramref name="version"/>; 0 for an unknown version.</summary>
    public static int KeyHandoverLengthOf(byte version) => version switch
    {
        Version1 => KeyHandoverLength,
        KeyHandoverVersion2 => BackLinkedKeyHandoverLength,
        _ => 0,
    };

    /// <summary>
    /// Splits an account's stored chain of hand-over statements (concatenated, oldest first; each statement's first byte
    /// gives its length). Stops at the first byte that starts no known statement, so the result never holds a partial one.
    /// </summary>
    public static IReadOnlyList<byte[]> SplitKeyHandovers(ReadOnlySpan<byte> chain)
    {
        var statements = new List<byte[]>();
        var offset = 0;
        while (offset < chain.Length)
        {
            var length = KeyHandoverLengthOf(chain[offset]);
            if (length == 0 || offset + length > chain.Length) break;
            statements.Add(chain.Slice(offset, length).ToArray());
            offset += length;
        }

        return statements;
    }

    /// <summary>Decodes standard base64, or returns null for anything that is not.</summary>
    public static byte[]? TryDecodeBase64(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
