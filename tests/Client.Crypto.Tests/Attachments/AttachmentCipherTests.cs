using PasswordManager.Client.Crypto.Attachments;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Attachments;

public sealed class AttachmentCipherTests
{
    private const int chunk = AttachmentFormat.ChunkSize;
    private const int encryptedChunk = AttachmentFormat.EncryptedChunkSize;
    private const long keyEpoch = 4;
    private static readonly Guid vaultId = Guid.NewGuid();
    private static readonly Guid entryId = Guid.NewGuid();
    private static readonly Guid attachmentId = Guid.NewGuid();
    private static readonly AttachmentMetadata metadata = new("quarterly report.pdf", "application/pdf");

    private static IEnumerable<int> Sizes => [0, 1, chunk - 1, chunk, chunk + 1, (2 * chunk) - 1, 2 * chunk, (5 * 1024 * 1024) + 17];

    [TestCaseSource(nameof(Sizes))]
    public async Task ShouldRoundTripAndPredictTheCiphertextLength(int size)
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var plaintext = Pattern(size);

        var (ciphertext, headerLength, declaredLength) = Encrypt(key, plaintext);
        await using var opened = await AttachmentCipher.OpenAsync(key, entryId, attachmentId, new MemoryStream(ciphertext));
        using var output = new MemoryStream();
        await opened.CopyToAsync(output);

        Assert.Multiple(() =>
        {
            Assert.That(output.ToArray(), Is.EqualTo(plaintext));
            Assert.That(opened.Metadata, Is.EqualTo(metadata));
            Assert.That(opened.HeaderLength, Is.EqualTo(headerLength));
            Assert.That(ciphertext, Has.Length.EqualTo(AttachmentFormat.GetCiphertextLength(size, headerLength)));
            Assert.That(declaredLength, Is.EqualTo(ciphertext.Length));
            Assert.That(AttachmentFormat.GetPlaintextLength(ciphertext.Length, headerLength), Is.EqualTo(size));
            Assert.That(ciphertext.Length - headerLength, Is.EqualTo(size + (16 * ((size / chunk) + 1))), "one tag per chunk, a final chunk always");
        });
    }

    [TestCaseSource(nameof(Sizes))]
    public void ShouldRoundTripThroughSynchronousReadsOfOddSizes(int size)
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var plaintext = Pattern(size);
        var (ciphertext, _, _) = Encrypt(key, plaintext);

        using var opened = AttachmentCipher.Open(key, entryId, attachmentId, new TrickleStream(ciphertext, 7777));
        var output = new MemoryStream();
        var buffer = new byte[1000];
        int read;
        while ((read = opened.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, read);

        Assert.That(output.ToArray(), Is.EqualTo(plaintext));
    }

    [Test]
    public void ShouldUseAFreshFileKeyAndNoncesForEveryEncryption()
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var plaintext = Pattern(100);

        var first = Encrypt(key, plaintext).Ciphertext;
        var second = Encrypt(key, plaintext).Ciphertext;

        Assert.Multiple(() =>
        {
            Assert.That(first[..2], Is.EqualTo(new byte[] { 0x01, 0x03 }));
            Assert.That(first[2..18], Is.Not.EqualTo(second[2..18]), "nonce prefix");
            Assert.That(first[18..92], Is.Not.EqualTo(second[18..92]), "sealed file key");
            Assert.That(first[^116..], Is.Not.EqualTo(second[^116..]), "content");
        });
    }

    [Test]
    public void ShouldNeverShowTheFileNameOrContentInTheCiphertext()
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var canary = "CANARYc0ffee"u8.ToArray();
        var plaintext = Enumerable.Repeat(canary, 10_000).SelectMany(b => b).ToArray();
        var named = new AttachmentMetadata("CANARYc0ffee-name.txt");

        using var encrypting = AttachmentCipher.Encrypt(key, entryId, attachmentId, named, new MemoryStream(plaintext));
        var ciphertext = ReadAll(encrypting);

        Assert.Multiple(() =>
        {
            Assert.That(ciphertext.AsSpan().IndexOf("CANARY"u8), Is.EqualTo(-1));
            Assert.That(ciphertext.AsSpan().IndexOf(".txt"u8), Is.EqualTo(-1));
        });
    }

    [Test]
    public void ShouldPadTheMetadataSoShortNamesLookAlike()
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);

        var shortName = HeaderLength(key, new AttachmentMetadata("a"));
        var longerName = HeaderLength(key, new AttachmentMetadata("a-somewhat-longer-file-name.jpeg", "image/jpeg"));

        Assert.Multiple(() =>
        {
            Assert.That(shortName, Is.EqualTo(longerName));
            Assert.That(shortName, Is.EqualTo(AttachmentFormat.FixedHeaderSize + 128 + 42));
            Assert.That(() => new AttachmentMetadata(new string('x', 5000)), Throws.ArgumentException);
        });
    }

    [Test]
    public void ShouldRejectAnotherVaultEntryAttachmentOrEpoch()
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var ciphertext = Encrypt(key, Pattern(300)).Ciphertext;
        var raw = new byte[32];
        // Same key bytes, other context: only the AAD differs, so this proves the binding rather than a wrong key.
        key.Key.Export(NSec.Cryptography.KeyBlobFormat.RawSymmetricKey).CopyTo(raw, 0);
        using var otherVault = VaultKey.Import(Guid.NewGuid(), keyEpoch, raw);
        using var otherEpoch = VaultKey.Import(vaultId, keyEpoch + 1, raw);
        using var sameContext = VaultKey.Import(vaultId, keyEpoch, raw);

        Assert.Multiple(() =>
        {
            Assert.That(() => AttachmentCipher.Open(otherVault, entryId, attachmentId, new MemoryStream(ciphertext)), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(() => AttachmentCipher.Open(otherEpoch, entryId, attachmentId, new MemoryStream(ciphertext)), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(() => AttachmentCipher.Open(key, Guid.NewGuid(), attachmentId, new MemoryStream(ciphertext)), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(() => AttachmentCipher.Open(key, entryId, Guid.NewGuid(), new MemoryStream(ciphertext)), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(ReadAll(AttachmentCipher.Open(sameContext, entryId, attachmentId, new MemoryStream(ciphertext))), Is.EqualTo(Pattern(300)), "positive control");
        });
    }

    [Test]
    public void ShouldRejectEveryFlippedBitOfASmallAttachment()
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var ciphertext = Encrypt(key, Pattern(40)).Ciphertext;

        for (var bit = 0; bit < ciphertext.Length * 8; bit++)
        {
            var tampered = Bits.Flip(ciphertext, bit);
            // Header bytes are format-checked: the outer version and algorithm, the inner envelopes' headers, the metadata length.
            var byteIndex = bit / 8;
            var isFormat = byteIndex is < 2 or 18 or 19 or (>= 92 and < 98);
            Assert.That(
                () => ReadAll(AttachmentCipher.Open(key, entryId, attachmentId, new MemoryStream(tampered))),
                isFormat ? Throws.TypeOf<CryptoFormatException>().Or.TypeOf<DecryptionFailedException>() : Throws.TypeOf<DecryptionFailedException>(),
                $"bit {bit}");
        }
    }

    [Test]
    public void ShouldRejectTamperedChunksAndReleaseOnlyTheAuthenticatedOnesBeforeThem()
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var plaintext = Pattern((2 * chunk) + 100);
        var (ciphertext, header, _) = Encrypt(key, plaintext);
        var chunks = Split(ciphertext, header);
        Assert.That(chunks, Has.Count.EqualTo(3));
        var head = ciphertext[..header];
        var other = Encrypt(key, plaintext);

        var cases = new Dictionary<string, (byte[] Bytes, int Released)>
        {
            ["bit flipped in chunk 0"] = (Bits.Flip(ciphertext, (header + 10) * 8), 0),
            ["bit flipped in chunk 1's tag"] = (Bits.Flip(ciphertext, (header + (2 * encryptedChunk) - 1) * 8), chunk),
            ["bit flipped in the final chunk"] = (Bits.Flip(ciphertext, (ciphertext.Length - 20) * 8), 2 * chunk),
            ["chunks 0 and 1 swapped"] = (Concat(head, chunks[1], chunks[0], chunks[2]), 0),
            ["chunk 1 dropped"] = (Concat(head, chunks[0], chunks[2]), chunk),
            ["chunk 0 duplicated"] = (Concat(head, chunks[0], chunks[0], chunks[1], chunks[2]), chunk),
            ["final chunk dropped"] = (Concat(head, chunks[0], chunks[1]), 2 * chunk),
            ["final chunk's last byte cut"] = (ciphertext[..^1], 2 * chunk),
            ["cut inside chunk 1"] = (ciphertext[..(header + encryptedChunk + 1000)], chunk),
            ["cut inside a tag-sized tail"] = (ciphertext[..(header + encryptedChunk + 5)], chunk),
            ["a byte appended"] = (Concat(ciphertext, [0]), 2 * chunk),
            ["the final chunk appended again"] = (Concat(ciphertext, chunks[2]), 2 * chunk),
            ["a chunk of another encryption spliced in"] = (Concat(head, chunks[0], Split(other.Ciphertext, other.HeaderLength)[1], chunks[2]), chunk),
            ["another encryption's header"] = (Concat(other.Ciphertext[..other.HeaderLength], chunks[0], chunks[1], chunks[2]), 0),
        };

        Assert.Multiple(() =>
        {
            foreach (var (name, (bytes, released)) in cases)
            {
                var output = new MemoryStream();
                Exception? failure = null;
                try
                {
                    using var opened = AttachmentCipher.Open(key, entryId, attachmentId, new MemoryStream(bytes));
                    opened.CopyTo(output);
                }
                catch (CryptoException exception)
                {
                    failure = exception;
                }

                Assert.That(failure, Is.TypeOf<DecryptionFailedException>(), name);
                Assert.That(output.Length, Is.EqualTo(released), $"{name}: plaintext released before the failure");
                Assert.That(output.ToArray(), Is.EqualTo(plaintext[..(int)output.Length]), $"{name}: what was released is authentic");
            }
        });
    }

    [Test]
    public void ShouldKeepFailingAfterTheFirstTamperedChunk()
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var (ciphertext, header, _) = Encrypt(key, Pattern((2 * chunk) + 1));
        var tampered = Bits.Flip(ciphertext, (header + 3) * 8);
        using var opened = AttachmentCipher.Open(key, entryId, attachmentId, new MemoryStream(tampered));
        var buffer = new byte[chunk];

        Assert.Multiple(() =>
        {
            Assert.That(() => opened.Read(buffer), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(() => opened.Read(buffer), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(buffer, Is.All.EqualTo(0), "nothing of the rejected chunk reached the caller");
        });
    }

    [Test]
    public void ShouldRejectMalformedHeaders()
    {
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var (ciphertext, header, _) = Encrypt(key, Pattern(10));
        var wrongVersion = (byte[])ciphertext.Clone();
        wrongVersion[0] = 0x02;
        var wrongAlgorithm = (byte[])ciphertext.Clone();
        wrongAlgorithm[1] = 0x01;
        var hugeMetadata = (byte[])ciphertext.Clone();
        hugeMetadata[92] = 0x7f;

        Assert.Multiple(() =>
        {
            Assert.That(() => AttachmentCipher.Open(key, entryId, attachmentId, new MemoryStream(wrongVersion)), Throws.TypeOf<CryptoFormatException>());
            Assert.That(() => AttachmentCipher.Open(key, entryId, attachmentId, new MemoryStream(wrongAlgorithm)), Throws.TypeOf<CryptoFormatException>());
            Assert.That(() => AttachmentCipher.Open(key, entryId, attachmentId, new MemoryStream(hugeMetadata)), Throws.TypeOf<CryptoFormatException>());
            Assert.That(() => AttachmentCipher.Open(key, entryId, attachmentId, new MemoryStream(ciphertext[..50])), Throws.TypeOf<CryptoFormatException>());
            Assert.That(() => AttachmentCipher.Open(key, entryId, attachmentId, new MemoryStream(ciphertext[..(header - 1)])), Throws.TypeOf<CryptoFormatException>());
            Assert.That(() => AttachmentCipher.Open(key, entryId, attachmentId, new MemoryStream([])), Throws.TypeOf<CryptoFormatException>());
        });
    }

    [Test]
    public void ShouldReencryptUnderANewEpochAndAttachmentIdWithANewFileKey()
    {
        using var oldKey = VaultKey.Create(vaultId, keyEpoch);
        using var newKey = VaultKey.Create(vaultId, keyEpoch + 1);
        var plaintext = Pattern((3 * chunk) + 5);
        var original = Encrypt(oldKey, plaintext).Ciphertext;
        var newAttachmentId = Guid.NewGuid();

        using var source = AttachmentCipher.Open(oldKey, entryId, attachmentId, new MemoryStream(original));
        using var reencrypting = AttachmentCipher.Reencrypt(source, newKey, entryId, newAttachmentId);
        var reencrypted = ReadAll(reencrypting);

        using var opened = AttachmentCipher.Open(newKey, entryId, newAttachmentId, new MemoryStream(reencrypted));
        Assert.Multiple(() =>
        {
            Assert.That(ReadAll(opened), Is.EqualTo(plaintext));
            Assert.That(opened.Metadata, Is.EqualTo(metadata));
            Assert.That(() => AttachmentCipher.Open(oldKey, entryId, newAttachmentId, new MemoryStream(reencrypted)), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(reencrypted[2..92], Is.Not.EqualTo(original[2..92]), "new nonce prefix and file key");
        });
    }

    [Test]
    public void ShouldFailTheReencryptionWhenTheSourceIsTampered()
    {
        using var oldKey = VaultKey.Create(vaultId, keyEpoch);
        using var newKey = VaultKey.Create(vaultId, keyEpoch + 1);
        var (original, header, _) = Encrypt(oldKey, Pattern((2 * chunk) + 5));

        using var source = AttachmentCipher.Open(oldKey, entryId, attachmentId, new MemoryStream(original[..(header + encryptedChunk)]));
        using var reencrypting = AttachmentCipher.Reencrypt(source, newKey, entryId, Guid.NewGuid());

        Assert.That(() => ReadAll(reencrypting), Throws.TypeOf<DecryptionFailedException>());
    }

    [Test]
    [CancelAfter(60_000)]
    public void ShouldStreamSixtyFourMebibytesThroughBothDirectionsInBoundedMemory()
    {
        const long size = 64L * 1024 * 1024;
        using var key = VaultKey.Create(vaultId, keyEpoch);
        var verifier = new PatternVerifyingStream();

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var encrypting = AttachmentCipher.Encrypt(key, entryId, attachmentId, metadata, new PatternStream(size)))
        using (var decrypting = AttachmentCipher.Open(key, entryId, attachmentId, encrypting))
        {
            decrypting.CopyTo(verifier, 100_000);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Progress.WriteLine($"64 MiB encrypted and decrypted with {allocated:N0} bytes allocated");
        Assert.Multiple(() =>
        {
            Assert.That(verifier.Count, Is.EqualTo(size));
            Assert.That(verifier.Mismatches, Is.Zero);
            Assert.That(allocated, Is.LessThan(1024 * 1024), "a few chunk buffers, not the file");
        });
    }

    internal static byte[] Pattern(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(i % 251))];

    private static (byte[] Ciphertext, int HeaderLength, long? DeclaredLength) Encrypt(VaultKey key, byte[] plaintext)
    {
        using var encrypting = AttachmentCipher.Encrypt(key, entryId, attachmentId, metadata, new MemoryStream(plaintext));
        var declared = encrypting.CiphertextLength;
        return (ReadAll(encrypting), encrypting.HeaderLength, declared);
    }

    private static int HeaderLength(VaultKey key, AttachmentMetadata described)
    {
        using var encrypting = AttachmentCipher.Encrypt(key, entryId, attachmentId, described, new MemoryStream());
        return encrypting.HeaderLength;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    private static List<byte[]> Split(byte[] ciphertext, int header)
    {
        var result = new List<byte[]>();
        for (var offset = header; offset < ciphertext.Length; offset += encryptedChunk)
            result.Add(ciphertext[offset..Math.Min(offset + encryptedChunk, ciphertext.Length)]);
        return result;
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Hands out at most a few bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] content, int maxRead) : MemoryStream(content)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, maxRead)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxRead));
    }

    /// <summary>Generates <c>i mod 251</c> for i in 0..size without holding it.</summary>
    private sealed class PatternStream(long size) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => size;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, size - position);
            for (var i = 0; i < count; i++) buffer[i] = (byte)((position + i) % 251);
            position += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Checks written bytes against the pattern without keeping them.</summary>
    private sealed class PatternVerifyingStream : Stream
    {
        public long Count { get; private set; }
        public long Mismatches { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;
        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                if (buffer[i] != (byte)((Count + i) % 251)) Mismatches++;
            }

            Count += buffer.Length;
        }

        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
