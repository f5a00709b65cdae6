using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace PasswordManager.Application.Encryption.Operations;

/// <summary>
/// One item of data to encrypt, held in a pooled buffer that <see cref="Dispose"/> wipes and returns, so the
/// plaintext is neither allocated per request nor left behind on the heap. Not <see cref="IsValid"/> when the
/// <c>data</c> text was not standard base64 or decodes to more than <see cref="EncryptionLimits.MaxItemBytes"/>
/// bytes: the encrypt validator refuses such an item with the same message as before the text was decoded here.
/// </summary>
public sealed class Plaintext : IDisposable
{
    private readonly int length;
    private byte[]? buffer;

    private Plaintext(byte[]? buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
        IsValid = buffer is not null;
    }

    public bool IsValid { get; }

    public ReadOnlySpan<byte> AsSpan() => buffer is { } bytes
        ? bytes.AsSpan(0, length)
        : throw new InvalidOperationException(IsValid ? "The plaintext has been wiped." : "The data was not valid base64 of an allowed size.");

    /// <summary>Decodes base64 under the rules of <see cref="Convert.TryFromBase64Chars"/> (whitespace ignored).</summary>
    public static Plaintext FromBase64(ReadOnlySpan<char> text)
    {
        var capacity = (text.Length * 3 / 4) + 3;
        var rented = ArrayPool<byte>.Shared.Rent(capacity);
        if (Convert.TryFromBase64Chars(text, rented.AsSpan(0, capacity), out var written) && written <= EncryptionLimits.MaxItemBytes)
            return new Plaintext(rented, written);

        // A failed decode may still have written a prefix, so the whole range is cleared.
        CryptographicOperations.ZeroMemory(rented.AsSpan(0, capacity));
        ArrayPool<byte>.Shared.Return(rented);
        return new Plaintext(null, 0);
    }

    /// <summary>
    /// Decodes unescaped UTF-8 base64 with the vectorised decoder; null when the text is not plain base64 (whitespace,
    /// say), which <see cref="FromBase64"/> then decides on.
    /// </summary>
    public static Plaintext? FromBase64Utf8(ReadOnlySpan<byte> utf8)
    {
        var capacity = Base64.GetMaxDecodedFromUtf8Length(utf8.Length);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1));
        var status = Base64.DecodeFromUtf8(utf8, rented.AsSpan(0, capacity), out _, out var written);
        if (status == OperationStatus.Done && written <= EncryptionLimits.MaxItemBytes) return new Plaintext(rented, written);

        CryptographicOperations.ZeroMemory(rented.AsSpan(0, capacity));
        ArrayPool<byte>.Shared.Return(rented);
        return status == OperationStatus.Done ? new Plaintext(null, 0) : null;
    }

    public static Plaintext Copy(ReadOnlySpan<byte> data)
    {
        if (data.Length > EncryptionLimits.MaxItemBytes) return new Plaintext(null, 0);
        var rented = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(rented);
        return new Plaintext(rented, data.Length);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref buffer, null) is not { } bytes) return;
        CryptographicOperations.ZeroMemory(bytes.AsSpan(0, length));
        ArrayPool<byte>.Shared.Return(bytes);
    }
}
