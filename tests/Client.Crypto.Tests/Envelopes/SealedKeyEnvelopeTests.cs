using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Envelopes;

public sealed class SealedKeyEnvelopeTests
{
    private static readonly byte[] aad = "pm/v1/seal|test"u8.ToArray();

    [Test]
    public void ShouldRoundTripWithFreshEphemeralKeys()
    {
        using var recipient = X25519Exchange.GeneratePrivateKey();
        var recipientPublic = recipient.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var payload = Bits.Sequence(0x40, 32);

        var first = SealedKeyEnvelope.Seal(recipientPublic, payload, aad);
        var second = SealedKeyEnvelope.Seal(recipientPublic, payload, aad);
        var opened = new byte[32];
        SealedKeyEnvelope.Open(recipient, first, aad, opened);

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Length.EqualTo(106));
            Assert.That(first[..2], Is.EqualTo(new byte[] { 0x01, 0x02 }));
            Assert.That(first[2..34], Is.Not.EqualTo(second[2..34]));
            Assert.That(opened, Is.EqualTo(payload));
        });
    }

    [Test]
    public void ShouldRejectEveryFlippedBitOfTheWrappedKey()
    {
        using var recipient = X25519Exchange.GeneratePrivateKey();
        var envelope = SealedKeyEnvelope.Seal(recipient.PublicKey.Export(KeyBlobFormat.RawPublicKey), Bits.Sequence(0x40, 32), aad);
        var opened = new byte[32];

        for (var bit = 0; bit < envelope.Length * 8; bit++)
        {
            var tampered = Bits.Flip(envelope, bit);
            if (bit < 16)
            {
                Assert.Throws<CryptoFormatException>(() => SealedKeyEnvelope.Open(recipient, tampered, aad, opened), $"header bit {bit}");
            }
            else
            {
                Assert.Throws<DecryptionFailedException>(() => SealedKeyEnvelope.Open(recipient, tampered, aad, opened), $"bit {bit}");
            }
        }
    }

    [Test]
    public void ShouldRejectAnotherRecipientAndAnotherContext()
    {
        using var recipient = X25519Exchange.GeneratePrivateKey();
        using var other = X25519Exchange.GeneratePrivateKey();
        var envelope = SealedKeyEnvelope.Seal(recipient.PublicKey.Export(KeyBlobFormat.RawPublicKey), Bits.Sequence(0x40, 32), aad);
        var opened = new byte[32];
        var truncated = envelope.AsSpan(0, 105).ToArray();

        Assert.Multiple(() =>
        {
            Assert.Throws<DecryptionFailedException>(() => SealedKeyEnvelope.Open(other, envelope, aad, opened));
            Assert.Throws<DecryptionFailedException>(() => SealedKeyEnvelope.Open(recipient, envelope, "pm/v1/seal|other"u8, opened));
            Assert.Throws<CryptoFormatException>(() => SealedKeyEnvelope.Open(recipient, truncated, aad, opened));
        });
    }

    [Test]
    public void ShouldRefuseLowOrderPoints()
    {
        using var recipient = X25519Exchange.GeneratePrivateKey();
        var envelope = SealedKeyEnvelope.Seal(recipient.PublicKey.Export(KeyBlobFormat.RawPublicKey), Bits.Sequence(0x40, 32), aad);
        new byte[32].CopyTo(envelope, 2);
        var opened = new byte[32];

        Assert.Multiple(() =>
        {
            Assert.Throws<CryptoFormatException>(() => SealedKeyEnvelope.Seal(new byte[32], Bits.Sequence(0x40, 32), aad));
            Assert.Throws<DecryptionFailedException>(() => SealedKeyEnvelope.Open(recipient, envelope, aad, opened));
        });
    }
}
