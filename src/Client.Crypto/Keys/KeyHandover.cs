using System.Text;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>
/// The statement with which an account hands its identity over to a new key pair (docs/crypto-format.md §6.1).
/// Version 1, 355 bytes: 0x01 | oldBundle(145) | newBundle(145) | sigOld(64), sigOld by the OLD signing key over
/// UTF8("pm/v1/key-handover") || the first 291 bytes. Version 2, 419 bytes, adds the back-link: … | sigNew(64), sigNew by
/// the NEW signing key over UTF8("pm/v1/key-handover-back") || the first 355 bytes. A contact who pinned the old bundle
/// accepts the new one only through a statement that verifies against that pin (<see cref="Verify"/>); a device that
/// pinned the new bundle accepts the old one as an earlier key of the same account only through a version-2 statement
/// whose back-link verifies under that pin (<see cref="Lineage"/>), because only the new key can vouch for its predecessor.
/// </summary>
public static class KeyHandover
{
    public const byte FormatVersion = 0x01;
    public const byte BackLinkedVersion = 0x02;

    /// <summary>Length of a version-1 statement (no back-link).</summary>
    public const int Size = 1 + (2 * PublicKeyBundle.Size) + Ed25519Signer.SignatureSize;

    /// <summary>Length of a version-2 statement (signed by the old and by the new key).</summary>
    public const int BackLinkedSize = Size + Ed25519Signer.SignatureSize;

    private const int oldSignedSize = 1 + (2 * PublicKeyBundle.Size);
    private const int oldOffset = 1;
    private const int newOffset = oldOffset + PublicKeyBundle.Size;

    private static readonly byte[] label = Encoding.UTF8.GetBytes(Labels.KeyHandover);
    private static readonly byte[] backLinkLabel = Encoding.UTF8.GetBytes(Labels.KeyHandoverBackLink);

    /// <summary>
    /// Signs the hand-over from <paramref name="oldKeys"/> to <paramref name="newKeys"/> (same user): a version-2 statement,
    /// signed by the old signing key and, as the back-link, by the new one.
    /// </summary>
    public static byte[] Create(AccountKeys oldKeys, AccountKeys newKeys)
    {
        ArgumentNullException.ThrowIfNull(oldKeys);
        ArgumentNullException.ThrowIfNull(newKeys);
        if (oldKeys.UserId != newKeys.UserId) throw new IdentityMismatchException("A key hand-over stays within one account.");
        if (oldKeys.PublicBundle.Matches(newKeys.PublicBundle)) throw new ArgumentException("The new keys are the old keys.", nameof(newKeys));

        var statement = new byte[BackLinkedSize];
        statement[0] = BackLinkedVersion;
        oldKeys.PublicBundle.ToArray().CopyTo(statement, oldOffset);
        newKeys.PublicBundle.ToArray().CopyTo(statement, newOffset);
        Ed25519Signer.Sign(oldKeys.SigningKey, Signed(label, statement.AsSpan(0, oldSignedSize))).CopyTo(statement, oldSignedSize);
        Ed25519Signer.Sign(newKeys.SigningKey, Signed(backLinkLabel, statement.AsSpan(0, Size))).CopyTo(statement, Size);
        return statement;
    }

    /// <summary>
    /// Verifies <paramref name="statement"/> (version 1 or 2) against the bundle the caller pinned and returns the new,
    /// self-verified bundle to pin instead. Throws when the statement does not start from <paramref name="pinned"/>, is
    /// not signed by its signing key, names another user, or (version 2) its back-link does not verify.
    /// </summary>
    public static PublicKeyBundle Verify(ReadOnlySpan<byte> statement, PublicKeyBundle pinned)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        CheckLayout(statement);
        if (!statement.Slice(oldOffset, PublicKeyBundle.Size).SequenceEqual(pinned.ToArray()))
            throw new IdentityMismatchException("The key hand-over starts from another bundle than the pinned one.");
        return Open(statement, pinned.UserId).New;
    }

    /// <summary>
    /// The bundle a version-2 <paramref name="statement"/> names as the predecessor of <paramref name="newer"/>, after both its
    /// signatures verified. Throws for a version-1 statement (nothing vouches for its old key from the new one), for a
    /// statement that does not hand over to <paramref name="newer"/>, and for any failed check.
    /// </summary>
    public static PublicKeyBundle VerifyBackLink(ReadOnlySpan<byte> statement, PublicKeyBundle newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        if (statement.Length > 0 && statement[0] == FormatVersion)
            throw new CryptoFormatException("A version-1 key hand-over has no back-link: the new key does not vouch for the old one.");
        CheckLayout(statement);
        if (!statement.Slice(newOffset, PublicKeyBundle.Size).SequenceEqual(newer.ToArray()))
            throw new IdentityMismatchException("The key hand-over hands over to another bundle than the given one.");
        return Open(statement, newer.UserId).Old;
    }

    /// <summary>
    /// The earlier bundles of <paramref name="current"/>'s account, newest first: from <paramref name="current"/> backwards,
    /// each step through a version-2 statement of <paramref name="statements"/> (any order) whose back-link verifies under
    /// the bundle reached so far. The walk stops at the first bundle no statement vouches for (e.g. a version-1 rotation).
    /// </summary>
    public static IReadOnlyList<PublicKeyBundle> Lineage(PublicKeyBundle current, IEnumerable<byte[]>? statements)
    {
        ArgumentNullException.ThrowIfNull(current);
        var candidates = statements?.Where(s => s is not null).ToList() ?? [];
        var lineage = new List<PublicKeyBundle>();
        var reached = current;
        while (lineage.Count < candidates.Count)
        {
            PublicKeyBundle? older = null;
            foreach (var statement in candidates)
            {
                try
                {
                    older = VerifyBackLink(statement, reached);
                    break;
                }
                catch (CryptoException)
                {
                    // Another step of the chain, a version-1 statement, or one the server made up: vouches for nothing here.
                }
            }

            // A bundle seen before would make a cycle; honest rotations always go to fresh keys.
            if (older is null || older.Matches(current) || lineage.Exists(b => b.Matches(older))) break;
            lineage.Add(older);
            reached = older;
        }

        return lineage.AsReadOnly();
    }

    private static void CheckLayout(ReadOnlySpan<byte> statement)
    {
        if (statement.Length == 0 || (statement[0] != FormatVersion && statement[0] != BackLinkedVersion))
            throw new CryptoFormatException($"Unsupported key hand-over version{(statement.Length == 0 ? "" : $" 0x{statement[0]:x2}")}.");
        var expected = statement[0] == BackLinkedVersion ? BackLinkedSize : Size;
        if (statement.Length != expected)
            throw new CryptoFormatException($"A version-{statement[0]} key hand-over statement is {expected} bytes, got {statement.Length}.");
    }

    /// <summary>Parses both bundles (self-signatures, user id) and verifies sigOld and, for version 2, sigNew; the layout is checked.</summary>
    private static (PublicKeyBundle Old, PublicKeyBundle New) Open(ReadOnlySpan<byte> statement, Guid userId)
    {
        var old = PublicKeyBundle.Parse(statement.Slice(oldOffset, PublicKeyBundle.Size), userId);
        var next = PublicKeyBundle.Parse(statement.Slice(newOffset, PublicKeyBundle.Size), userId);
        if (next.Matches(old)) throw new CryptoFormatException("The key hand-over hands over to the same bundle.");
        if (!Ed25519Signer.Verify(old.Ed25519PublicKey, Signed(label, statement[..oldSignedSize]), statement.Slice(oldSignedSize, Ed25519Signer.SignatureSize)))
            throw new SignatureInvalidException("The key hand-over is not signed by the old signing key.");
        if (statement[0] == BackLinkedVersion
            && !Ed25519Signer.Verify(next.Ed25519PublicKey, Signed(backLinkLabel, statement[..Size]), statement.Slice(Size, Ed25519Signer.SignatureSize)))
            throw new SignatureInvalidException("The key hand-over's back-link is not signed by the new signing key.");
        return (old, next);
    }

    private static byte[] Signed(byte[] prefix, ReadOnlySpan<byte> signedPart)
    {
        var message = new byte[prefix.Length + signedPart.Length];
        prefix.CopyTo(message, 0);
        signedPart.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }
}
