using System.Buffers.Binary;
using System.Buffers.Text;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Attachments;

/// <summary>
/// Seals and opens chunk i under the file key: nonce = noncePrefix(16) || u64be(i),
/// AAD = UTF8("pm/v1/attachment-chunk|{attachmentId}|{i}|{final ? 1 : 0}"). Allocation-free per chunk.
/// </summary>
internal sealed class ChunkSealer : IDisposable
{
    private const int maxDecimalDigits = 20;

    private readonly Key fileKey;
    private readonly byte[] nonce = new byte[EnvelopeFormat.NonceSize];
    private readonly byte[] associatedData;
    private readonly int prefixLength;

    public ChunkSealer(Key fileKey, ReadOnlySpan<byte> noncePrefix, Guid attachmentId)
    {
        this.fileKey = fileKey;
        noncePrefix.CopyTo(nonce);
        var prefix = AssociatedData.AttachmentChunkPrefix(attachmentId);
        prefixLength = prefix.Length;
        associatedData = new byte[prefixLength + maxDecimalDigits + 2];
        prefix.CopyTo(associatedData, 0);
    }

    public void Seal(ulong index, bool final, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        var aad = Prepare(index, final);
        Aead.Encrypt(fileKey, nonce, aad, plaintext, ciphertext[..(plaintext.Length + EnvelopeFormat.TagSize)]);
    }

    public bool TryOpen(ulong index, bool final, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext) =>
        Aead.TryDecrypt(fileKey, nonce, Prepare(index, final), ciphertext, plaintext[..(ciphertext.Length - EnvelopeFormat.TagSize)]);

    public void Dispose() => fileKey.Dispose();

    private ReadOnlySpan<byte> Prepare(ulong index, bool final)
    {
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(AttachmentFormat.NoncePrefixSize), index);
        var rest = associatedData.AsSpan(prefixLength);
        Utf8Formatter.TryFormat(index, rest, out var digits);
        rest[digits] = (byte)'|';
        rest[digits + 1] = final ? (byte)'1' : (byte)'0';
        return associatedData.AsSpan(0, prefixLength + digits + 2);
    }
}
