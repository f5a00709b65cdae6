using System.Text;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>
/// The statement with which an account hands its identity over to a new key pair (docs/crypto-format.md §6.1),
/// 355 bytes: 0x01 | oldBundle(145) | newBundle(145) | Ed25519 signature(64) by the OLD signing key over
/// UTF8("pm/v1/key-handover") || the first 291 bytes. A contact who pinned the old bundle accepts the new one only
/// through a statement that verifies against that pin; a bundle change without one stays a key change to refuse.
/// </summary>
public static class KeyHandover
{
    public const int Size = 1 + (2 * PublicKeyBundle.Size) + Ed25519Signer.SignatureSize;
    public const byte FormatVersion = 0x01;

    private const int signedSize = 1 + (2 * PublicKeyBundle.Size);
    private const int oldOffset = 1;
    private const int newOffset = oldOffset + PublicKeyBundle.Size;

    private static readonly byte[] label = Encoding.UTF8.GetBytes(Labels.KeyHandover);

    /// <summary>Signs the hand-over from <paramref name="oldKeys"/> to <paramref name="newKeys"/> (same user) with the old signing key.</summary>
    public static byte[] Create(AccountKeys oldKeys, AccountKeys newKeys)
    {
        ArgumentNullException.ThrowIfNull(oldKeys);
        ArgumentNullException.ThrowIfNull(newKeys);
        if (oldKeys.UserId != newKeys.UserId) throw new IdentityMismatchException("A key hand-over stays within one account.");
        if (oldKeys.PublicBundle.Matches(newKeys.PublicBundle)) throw new ArgumentException("The new keys are the old keys.", nameof(newKeys));

        var statement = new byte[Size];
        statement[0] = FormatVersion;
        oldKeys.PublicBundle.ToArray().CopyTo(statement, oldOffset);
        newKeys.PublicBundle.ToArray().CopyTo(statement, newOffset);
        Ed25519Signer.Sign(oldKeys.SigningKey, SignedMessage(statement.AsSpan(0, signedSize))).CopyTo(statement, signedSize);
        return statement;
    }

    /// <summary>
    /// Verifies <paramref name="statement"/> against the bundle the caller pinned and returns the new, self-verified
    /// bundle to pin instead. Throws when the statement does not start from <paramref name="pinned"/>, is not signed by
    /// its signing key, or names another user.
    /// </summary>
    public static PublicKeyBundle Verify(ReadOnlySpan<byte> statement, PublicKeyBundle pinned)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        if (statement.Length != Size) throw new CryptoFormatException($"A key hand-over statement is {Size} bytes, got {statement.Length}.");
        if (statement[0] != FormatVersion) throw new CryptoFormatException($"Unsupported key hand-over version 0x{statement[0]:x2}.");

        var old = PublicKeyBundle.Parse(statement.Slice(oldOffset, PublicKeyBundle.Size), pinned.UserId);
        if (!old.Matches(pinned)) throw new IdentityMismatchException("The key hand-over starts from another bundle than the pinned one.");
        if (!Ed25519Signer.Verify(pinned.Ed25519PublicKey, SignedMessage(statement[..signedSize]), statement[signedSize..]))
            throw new SignatureInvalidException("The key hand-over is not signed by the pinned signing key.");

        var next = PublicKeyBundle.Parse(statement.Slice(newOffset, PublicKeyBundle.Size), pinned.UserId);
        if (next.Matches(pinned)) throw new CryptoFormatException("The key hand-over hands over to the same bundle.");
        return next;
    }

    private static byte[] SignedMessage(ReadOnlySpan<byte> signedPart)
    {
        var message = new byte[label.Length + signedPart.Length];
        label.CopyTo(message, 0);
        signedPart.CopyTo(message.AsSpan(label.Length));
        return message;
    }
}
