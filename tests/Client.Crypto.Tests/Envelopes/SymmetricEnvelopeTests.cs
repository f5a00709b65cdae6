using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Envelopes;

public sealed class SymmetricEnvelopeTests
{
    private static readonly byte[] aad = "pm/v1/test|context"u8.ToArray();

    [Test]
    public void ShouldRoundTripAndUseFreshNonces()
    {
        using var key = Aead.GenerateKey();
        var plaintext = Bits.Sequence(0, 100);

        var first = SymmetricEnvelope.Seal(key, plaintext, aad);
        var second = SymmetricEnvelope.Seal(key, plaintext, aad);

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Length.EqualTo(100 + EnvelopeFormat.SymmetricOverhead));
            Assert.That(first[..2], Is.EqualTo(new byte[] { 0x01, 0x01 }));
            Assert.That(first[2..26], Is.Not.EqualTo(second[2..26]));
            Assert.That(SymmetricEnvelope.Open(key, first, aad), Is.EqualTo(plaintext));
            Assert.That(SymmetricEnvelope.Open(key, SymmetricEnvelope.Seal(key, [], aad), aad), Is.Empty);
        });
    }

    [Test]
    public void ShouldRejectEveryFlippedBit()
    {
        using var key = Aead.GenerateKey();
        var envelope = SymmetricEnvelope.Seal(key, Bits.Sequence(7, 32), aad);

        for (var bit = 0; bit < envelope.Length * 8; bit++)
        {
            var tampered = Bits.Flip(envelope, bit);
            if (bit < 16)
            {
                Assert.Throws<CryptoFormatException>(() => SymmetricEnvelope.Open(key, tampered, aad), $"header bit {bit}");
            }
            else
            {
                Assert.Throws<DecryptionFailedException>(() => SymmetricEnvelope.Open(key, tampered, aad), $"bit {bit}");
            }
        }
    }

    [Test]
    public void ShouldRejectFlippedAadBit()
    {
        using var key = Aead.GenerateKey();
        var envelope = SymmetricEnvelope.Seal(key, Bits.Sequence(7, 32), aad);

        for (var bit = 0; bit < aad.Length * 8; bit++)
        {
            Assert.Throws<DecryptionFailedException>(() => SymmetricEnvelope.Open(key, envelope, Bits.Flip(aad, bit)));
        }
    }

    [Test]
    public void ShouldRejectWrongKeyTruncationAndExtension()
    {
        using var key = Aead.GenerateKey();
        using var otherKey = Aead.GenerateKey();
        var envelope = SymmetricEnvelope.Seal(key, Bits.Sequence(7, 32), aad);
        var shortened = envelope.AsSpan(0, envelope.Length - 1).ToArray();
        var tooShort = envelope.AsSpan(0, 41).ToArray();

        Assert.Multiple(() =>
        {
            Assert.Throws<DecryptionFailedException>(() => SymmetricEnvelope.Open(otherKey, envelope, aad));
            Assert.Throws<DecryptionFailedException>(() => SymmetricEnvelope.Open(key, shortened, aad));
            Assert.Throws<DecryptionFailedException>(() => SymmetricEnvelope.Open(key, [.. envelope, 0], aad));
            Assert.Throws<CryptoFormatException>(() => SymmetricEnvelope.Open(key, tooShort, aad));
            Assert.Throws<CryptoFormatException>(() => SymmetricEnvelope.Open(key, [], aad));
        });
    }

    [Test]
    public void ShouldZeroThePlaintextBufferWhenAuthenticationFails()
    {
        using var key = Aead.GenerateKey();
        var envelope = SymmetricEnvelope.Seal(key, Bits.Sequence(7, 32), aad);
        var output = Enumerable.Repeat((byte)0xaa, 32).ToArray();

        Assert.Throws<DecryptionFailedException>(() => SymmetricEnvelope.Open(key, Bits.Flip(envelope, 300), aad, output));
        Assert.That(output, Is.All.EqualTo(0));
    }
}
