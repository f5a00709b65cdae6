namespace PasswordManager.Client.Crypto.Primitives;

/// <summary>Guids on the wire: 16 bytes in RFC 4122 (big-endian) order; in text: lowercase "D" format.</summary>
internal static class WireGuid
{
    public const int Size = 16;

    public static void Write(Guid value, Span<byte> destination)
    {
        if (!value.TryWriteBytes(destination, bigEndian: true, out var written) || written != Size)
        {
            throw new ArgumentException("Destination is too small for a Guid.", nameof(destination));
        }
    }

    public static Guid Read(ReadOnlySpan<byte> source) => new(source[..Size], bigEndian: true);

    public static string ToText(Guid value) => value.ToString("D");
}
