using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>
/// A user's public keys, self-signed (145 bytes):
/// 0x01 | userId(16, big-endian) | x25519Pub(32) | ed25519Pub(32) | Ed25519 signature(64)
/// over UTF8("pm/v1/bundle") || the first 81 bytes. An instance always holds a verified bundle.
/// </summary>
public sealed class PublicKeyBundle
{
    public const int Size = 145;
    public const byte FormatVersion = 0x01;

    internal const int SignedSize = 81;
    private const int userIdOffset = 1;
    private const int x25519Offset = userIdOffset + WireGuid.Size;
    private const int ed25519Offset = x25519Offset + X25519Exchange.KeySize;

    private static readonly byte[] label = Encoding.UTF8.GetBytes(Labels.Bundle);

    private readonly byte[] bytes;

    private PublicKeyBundle(byte[] bytes)
    {
        this.bytes = bytes;
        UserId = WireGuid.Read(bytes.AsSpan(userIdOffset));
    }

    public Guid UserId { get; }

    internal ReadOnlySpan<byte> X25519PublicKey => bytes.AsSpan(x25519Offset, X25519Exchange.KeySize);

    internal ReadOnlySpan<byte> Ed25519PublicKey => bytes.AsSpan(ed25519Offset, Ed25519Signer.PublicKeySize);

    /// <summary>The safety number to compare out of band (see <see cref="Keys.Fingerprint"/>).</summary>
    public string Fingerprint => Keys.Fingerprint.Compute(this);

    /// <summary>
    /// Parses and verifies a bundle: size and version, self-signature, X25519 key not of low order,
    /// and that it belongs to <paramref name="expectedUserId"/>.
    /// </summary>
    public static PublicKeyBundle Parse(ReadOnlySpan<byte> bundle, Guid expectedUserId)
    {
        if (bundle.Length != Size)
        {
            throw new CryptoFormatException($"A public key bundle is {Size} bytes, got {bundle.Length}.");
        }

        if (bundle[0] != FormatVersion)
        {
            throw new CryptoFormatException($"Unsupported public key bundle version 0x{bundle[0]:x2}.");
        }

        var signedPart = bundle[..SignedSize];
        if (!Ed25519Signer.Verify(bundle.Slice(ed25519Offset, Ed25519Signer.PublicKeySize), SignedMessage(signedPart), bundle[SignedSize..]))
        {
            throw new SignatureInvalidException("The public key bundle self-signature is invalid.");
        }

        var parsed = new PublicKeyBundle(bundle.ToArray());
        if (parsed.UserId != expectedUserId)
        {
            throw new IdentityMismatchException(
                $"The public key bundle belongs to user {parsed.UserId}, not to the expected user {expectedUserId}.");
        }

        if (X25519Exchange.IsLowOrder(parsed.X25519PublicKey))
        {
            throw new CryptoFormatException("The bundle's X25519 public key is a low-order point.");
        }

        return parsed;
    }

    /// <summary>The 145 wire bytes.</summary>
    public byte[] ToArray() => (byte[])bytes.Clone();

    /// <summary>True when both bundles are byte-for-byte identical (same user, same keys).</summary>
    public bool Matches(PublicKeyBundle other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(bytes, other.bytes);
    }

    internal static PublicKeyBundle Create(Guid userId, Key x25519PrivateKey, Key ed25519PrivateKey)
    {
        var bundle = new byte[Size];
        bundle[0] = FormatVersion;
        WireGuid.Write(userId, bundle.AsSpan(userIdOffset, WireGuid.Size));
        x25519PrivateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey).CopyTo(bundle.AsSpan(x25519Offset));
        ed25519PrivateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey).CopyTo(bundle.AsSpan(ed25519Offset));
        Ed25519Signer.Sign(ed25519PrivateKey, SignedMessage(bundle.AsSpan(0, SignedSize))).CopyTo(bundle.AsSpan(SignedSize));
        return new PublicKeyBundle(bundle);
    }

    private static byte[] SignedMessage(ReadOnlySpan<byte> signedPart)
    {
        var message = new byte[label.Length + signedPart.Length];
        label.CopyTo(message, 0);
        signedPart.CopyTo(message.AsSpan(label.Length));
        return message;
    }
}
