using System.Globalization;
using System.Text;

namespace PasswordManager.Client.Crypto.History;

/// <summary>
/// The short code of a vault's history head (docs/crypto-format.md §21.4): <c>seq-XXXX-XXXX-XXXX-XXXX</c>, 80 bits of the
/// record hash in Crockford base32, for members to compare out of band.
/// </summary>
public static class HeadCode
{
    /// <summary>Bytes of the record hash a head code carries.</summary>
    public const int PrefixSize = 10;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Characters = PrefixSize * 8 / 5;

    public static string Format(long seq, ReadOnlySpan<byte> recordHash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        if (recordHash.Length < PrefixSize)
        {
            throw new ArgumentException($"A record hash has at least {PrefixSize} bytes.", nameof(recordHash));
        }

        var code = new StringBuilder(seq.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < Characters; i++)
        {
            if (i % 4 == 0)
            {
                code.Append('-');
            }

            code.Append(Alphabet[Bits(recordHash, i * 5)]);
        }

        return code.ToString();
    }

    /// <summary>
    /// Parses a head code: decimal seq ≥ 1 without leading zeros, then 16 Crockford characters in groups of 4 separated by
    /// hyphens. Letters are case-insensitive and, as Crockford base32 allows, O reads as 0 and I and L as 1.
    /// </summary>
    public static bool TryParse(string? text, out long seq, out byte[] hashPrefix)
    {
        seq = 0;
        hashPrefix = [];
        if (text is null)
        {
            return false;
        }

        var parts = text.Trim().Split('-');
        if (parts.Length != 5 || parts[0].Length is 0 or > 19 || parts[0][0] == '0' || !parts[0].All(char.IsAsciiDigit)
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsedSeq)
            || parts.Skip(1).Any(group => group.Length != 4))
        {
            return false;
        }

        var prefix = new byte[PrefixSize];
        var bit = 0;
        foreach (var c in string.Concat(parts.Skip(1)))
        {
            var value = Decode(c);
            if (value < 0)
            {
                return false;
            }

            for (var b = 4; b >= 0; b--, bit++)
            {
                if (((value >> b) & 1) == 1)
                {
                    prefix[bit / 8] |= (byte)(0x80 >> (bit % 8));
                }
            }
        }

        seq = parsedSeq;
        hashPrefix = prefix;
        return true;
    }

    /// <summary>Whether <paramref name="hashPrefix"/> is the start of <paramref name="recordHash"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> recordHash, ReadOnlySpan<byte> hashPrefix) =>
        hashPrefix.Length is > 0 and <= HistoryFormat.HashSize && recordHash.StartsWith(hashPrefix);

    private static int Bits(ReadOnlySpan<byte> bytes, int offset)
    {
        var value = 0;
        for (var i = offset; i < offset + 5; i++)
        {
            value = (value << 1) | ((bytes[i / 8] >> (7 - (i % 8))) & 1);
        }

        return value;
    }

    private static int Decode(char c)
    {
        var upper = char.ToUpperInvariant(c);
        upper = upper switch
        {
            'O' => '0',
            'I' or 'L' => '1',
            _ => upper,
        };
        return Alphabet.IndexOf(upper, StringComparison.Ordinal);
    }
}
