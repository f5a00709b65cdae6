using System.Buffers.Binary;

namespace PasswordManager.UnitTests.Support;

/// <summary>Builds byte strings in the v1 wire layout (docs/crypto-format.md) without using the code under test.</summary>
internal static class Envelopes
{
    public const int SymmetricOverhead = 2 + 24 + 16;
    public const int SealedOverhead = 2 + 32 + 24 + 16;
    public const int PublicKeyBundleLength = 1 + 16 + 32 + 32 + 64;

    public static byte[] Symmetric(int plaintextLength, byte version = 0x01, byte algorithm = 0x01) =>
        WithHeader(SymmetricOverhead + plaintextLength, version, algorithm);

    public static byte[] SealedKey(byte version = 0x01, byte algorithm = 0x02, int keyLength = 32) =>
        WithHeader(SealedOverhead + keyLength, version, algorithm);

    public static byte[] PublicKeyBundle(Guid owner, byte version = 0x01, int length = PublicKeyBundleLength)
    {
        var bundle = Filled(length);
        bundle[0] = version;
        BigEndian(owner).CopyTo(bundle.AsSpan(1));
        return bundle;
    }

    /// <summary>RFC 9562 byte order: the first three fields most significant byte first.</summary>
    public static byte[] BigEndian(Guid id)
    {
        var little = id.ToByteArray();
        var big = (byte[])little.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(big, BinaryPrimitives.ReadUInt32LittleEndian(little));
        BinaryPrimitives.WriteUInt16BigEndian(big.AsSpan(4), BinaryPrimitives.ReadUInt16LittleEndian(little.AsSpan(4)));
        BinaryPrimitives.WriteUInt16BigEndian(big.AsSpan(6), BinaryPrimitives.ReadUInt16LittleEndian(little.AsSpan(6)));
        return big;
    }

    public static byte[] Filled(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)(0xA5 ^ i);
        return bytes;
    }

    private static byte[] WithHeader(int length, byte version, byte algorithm)
    {
        var bytes = Filled(length);
        if (length > 0) bytes[0] = version;
        if (length > 1) bytes[1] = algorithm;
        return bytes;
    }
}
