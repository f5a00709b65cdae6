using System.Security.Cryptography;

namespace PasswordManager.Client.Crypto.Primitives;

/// <summary>A pinned byte array (the GC never copies it) that is zeroed on dispose.</summary>
internal sealed class SecretBuffer : IDisposable
{
    private readonly byte[] bytes;

    public SecretBuffer(int length)
    {
        bytes = GC.AllocateArray<byte>(length, pinned: true);
    }

    public Span<byte> Span => bytes;

    public int Length => bytes.Length;

    public void Dispose() => CryptographicOperations.ZeroMemory(bytes);
}
