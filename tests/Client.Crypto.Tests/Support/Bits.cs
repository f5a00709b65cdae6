namespace PasswordManager.Client.Crypto.Tests.Support;

internal static class Bits
{
    public static byte[] Flip(ReadOnlySpan<byte> value, int bit)
    {
        var copy = value.ToArray();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    public static Guid Flip(Guid value, int bit)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return new Guid(bytes, bigEndian: true);
    }

    public static byte[] Sequence(int start, int count) => Enumerable.Range(start, count).Select(i => (byte)i).ToArray();
}
