using System.Globalization;
using System.Text;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>
/// Safety number of a bundle: H = SHA-512(UTF8("pm/v1/fingerprint") || x25519Pub || ed25519Pub || userId(16, big-endian));
/// the first 60 bytes of H form 12 chunks of 5 bytes; each chunk, read as a big-endian 40-bit integer
/// modulo 100000, is written as 5 decimal digits; groups are separated by single spaces.
/// </summary>
public static class Fingerprint
{
    public const int Groups = 12;

    private const int chunkSize = 5;
    private static readonly byte[] label = Encoding.UTF8.GetBytes(Labels.Fingerprint);

    public static string Compute(PublicKeyBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);

        var input = new byte[label.Length + X25519Exchange.KeySize + Ed25519Signer.PublicKeySize + WireGuid.Size];
        var span = input.AsSpan();
        label.CopyTo(span);
        span = span[label.Length..];
        bundle.X25519PublicKey.CopyTo(span);
        span = span[X25519Exchange.KeySize..];
        bundle.Ed25519PublicKey.CopyTo(span);
        WireGuid.Write(bundle.UserId, span[Ed25519Signer.PublicKeySize..]);

        var hash = HashAlgorithm.Sha512.Hash(input);
        var builder = new StringBuilder((Groups * 6) - 1);
        for (var group = 0; group < Groups; group++)
        {
            ulong chunk = 0;
            foreach (var b in hash.AsSpan(group * chunkSize, chunkSize))
            {
                chunk = (chunk << 8) | b;
            }

            if (group > 0)
            {
                builder.Append(' ');
            }

            builder.Append((chunk % 100_000).ToString("D5", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
