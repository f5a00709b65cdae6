using PasswordManager.Domain.Common;
using PasswordManager.UnitTests.Support;

namespace PasswordManager.UnitTests.Domain.Common;

public sealed class EnvelopeFormatTests
{
    private static readonly Guid owner = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    [Test]
    public void ShouldMatchTheDocumentedLengths()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EnvelopeFormat.SymmetricOverhead, Is.EqualTo(42));
            Assert.That(EnvelopeFormat.SealedOverhead, Is.EqualTo(74));
            Assert.That(EnvelopeFormat.EncryptedUserKeyLength, Is.EqualTo(74));
            Assert.That(EnvelopeFormat.EncryptedPrivateKeysLength, Is.EqualTo(106));
            Assert.That(EnvelopeFormat.SealedKeyLength, Is.EqualTo(106));
            Assert.That(EnvelopeFormat.PublicKeyBundleLength, Is.EqualTo(145));
        });
    }

    [TestCase(32)]
    [TestCase(64)]
    [TestCase(0)]
    public void ShouldAcceptSymmetricEnvelopeWithV1HeaderAndExactLength(int plaintextLength)
    {
        Assert.That(EnvelopeFormat.IsSymmetricEnvelope(Envelopes.Symmetric(plaintextLength), plaintextLength), Is.True);
    }

    private static IEnumerable<TestCaseData> MalformedSymmetricEnvelopes()
    {
        yield return new TestCaseData(Envelopes.Symmetric(32, version: 0x02)).SetName("ShouldRejectSymmetricEnvelopeWithVersionTwo");
        yield return new TestCaseData(Envelopes.Symmetric(32, version: 0x00)).SetName("ShouldRejectSymmetricEnvelopeWithVersionZero");
        yield return new TestCaseData(Envelopes.Symmetric(32, algorithm: 0x02)).SetName("ShouldRejectSymmetricEnvelopeWithSealedAlgorithm");
        yield return new TestCaseData(Envelopes.Symmetric(32, algorithm: 0x00)).SetName("ShouldRejectSymmetricEnvelopeWithAlgorithmZero");
        yield return new TestCaseData(Envelopes.Symmetric(31)).SetName("ShouldRejectSymmetricEnvelopeOneByteShort");
        yield return new TestCaseData(Envelopes.Symmetric(33)).SetName("ShouldRejectSymmetricEnvelopeOneByteLong");
        yield return new TestCaseData(Array.Empty<byte>()).SetName("ShouldRejectEmptySymmetricEnvelope");
        yield return new TestCaseData(new byte[] { 0x01, 0x01 }).SetName("ShouldRejectSymmetricEnvelopeWithHeaderOnly");
    }

    [TestCaseSource(nameof(MalformedSymmetricEnvelopes))]
    public void ShouldRejectMalformedSymmetricEnvelope(byte[] envelope)
    {
        Assert.That(EnvelopeFormat.IsSymmetricEnvelope(envelope, 32), Is.False);
    }

    [TestCase(1, true)]
    [TestCase(100, true)]
    [TestCase(1000, true)]
    [TestCase(0, false)]
    [TestCase(1001, false)]
    public void ShouldBoundSymmetricEnvelopeByPlaintextLengthRange(int plaintextLength, bool expected)
    {
        Assert.That(EnvelopeFormat.IsSymmetricEnvelope(Envelopes.Symmetric(plaintextLength), 1, 1000), Is.EqualTo(expected));
    }

    [Test]
    public void ShouldCheckHeaderOfRangedSymmetricEnvelope()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EnvelopeFormat.IsSymmetricEnvelope(Envelopes.Symmetric(100, version: 0x02), 1, 1000), Is.False);
            Assert.That(EnvelopeFormat.IsSymmetricEnvelope(Envelopes.Symmetric(100, algorithm: 0x02), 1, 1000), Is.False);
            Assert.That(EnvelopeFormat.IsSymmetricEnvelope([], 0, 1000), Is.False);
        });
    }

    [Test]
    public void ShouldAcceptSealedKeyWithV1HeaderAndExactLength()
    {
        Assert.That(EnvelopeFormat.IsSealedKey(Envelopes.SealedKey()), Is.True);
    }

    private static IEnumerable<TestCaseData> MalformedSealedKeys()
    {
        yield return new TestCaseData(Envelopes.SealedKey(version: 0x02)).SetName("ShouldRejectSealedKeyWithVersionTwo");
        yield return new TestCaseData(Envelopes.SealedKey(algorithm: 0x01)).SetName("ShouldRejectSealedKeyWithSymmetricAlgorithm");
        yield return new TestCaseData(Envelopes.SealedKey(keyLength: 31)).SetName("ShouldRejectSealedKeyOneByteShort");
        yield return new TestCaseData(Envelopes.SealedKey(keyLength: 33)).SetName("ShouldRejectSealedKeyOneByteLong");
        yield return new TestCaseData(Array.Empty<byte>()).SetName("ShouldRejectEmptySealedKey");
    }

    [TestCaseSource(nameof(MalformedSealedKeys))]
    public void ShouldRejectMalformedSealedKey(byte[] envelope)
    {
        Assert.That(EnvelopeFormat.IsSealedKey(envelope), Is.False);
    }

    [Test]
    public void ShouldAcceptPublicKeyBundleOfItsOwner()
    {
        Assert.That(EnvelopeFormat.IsPublicKeyBundleOf(Envelopes.PublicKeyBundle(owner), owner), Is.True);
    }

    [Test]
    public void ShouldReadOwnerOfPublicKeyBundleAsBigEndianGuid()
    {
        var bundle = Envelopes.Filled(EnvelopeFormat.PublicKeyBundleLength);
        bundle[0] = 0x01;
        Convert.FromHexString("00112233445566778899AABBCCDDEEFF").CopyTo(bundle, 1);

        Assert.That(EnvelopeFormat.IsPublicKeyBundleOf(bundle, owner), Is.True);
    }

    [Test]
    public void ShouldRejectPublicKeyBundleWithLittleEndianGuid()
    {
        var bundle = Envelopes.PublicKeyBundle(owner);
        owner.ToByteArray().CopyTo(bundle, 1);

        Assert.That(EnvelopeFormat.IsPublicKeyBundleOf(bundle, owner), Is.False);
    }

    private static IEnumerable<TestCaseData> ForeignOrMalformedBundles()
    {
        yield return new TestCaseData(Envelopes.PublicKeyBundle(Guid.Parse("ffeeddcc-bbaa-9988-7766-554433221100")))
            .SetName("ShouldRejectPublicKeyBundleOfAnotherUser");
        yield return new TestCaseData(Envelopes.PublicKeyBundle(Guid.Empty)).SetName("ShouldRejectPublicKeyBundleOfEmptyUserId");
        yield return new TestCaseData(Envelopes.PublicKeyBundle(owner, version: 0x02)).SetName("ShouldRejectPublicKeyBundleWithVersionTwo");
        yield return new TestCaseData(Envelopes.PublicKeyBundle(owner, version: 0x00)).SetName("ShouldRejectPublicKeyBundleWithVersionZero");
        yield return new TestCaseData(Envelopes.PublicKeyBundle(owner, length: 144)).SetName("ShouldRejectPublicKeyBundleOneByteShort");
        yield return new TestCaseData(Envelopes.PublicKeyBundle(owner, length: 146)).SetName("ShouldRejectPublicKeyBundleOneByteLong");
        yield return new TestCaseData(Array.Empty<byte>()).SetName("ShouldRejectEmptyPublicKeyBundle");
    }

    [TestCaseSource(nameof(ForeignOrMalformedBundles))]
    public void ShouldRejectForeignOrMalformedPublicKeyBundle(byte[] bundle)
    {
        Assert.That(EnvelopeFormat.IsPublicKeyBundleOf(bundle, owner), Is.False);
    }

    [TestCase("AQID", new byte[] { 1, 2, 3 })]
    [TestCase("AQ==", new byte[] { 1 })]
    [TestCase("AQI=", new byte[] { 1, 2 })]
    [TestCase("+/+/", new byte[] { 0xFB, 0xFF, 0xBF })]
    public void ShouldDecodeStandardBase64(string text, byte[] expected)
    {
        Assert.That(EnvelopeFormat.TryDecodeBase64(text), Is.EqualTo(expected));
    }

    [TestCase(1)]
    [TestCase(16)]
    [TestCase(32)]
    [TestCase(145)]
    public void ShouldRoundTripBase64OfAnyLength(int length)
    {
        var bytes = Envelopes.Filled(length);

        Assert.That(EnvelopeFormat.TryDecodeBase64(Convert.ToBase64String(bytes)), Is.EqualTo(bytes));
    }

    [TestCase("not base64!")]
    [TestCase("AQ")]
    [TestCase("AQ=")]
    [TestCase("-_-_")]
    [TestCase("AQID====")]
    [TestCase("%%%%")]
    public void ShouldReturnNullForInvalidBase64(string text)
    {
        Assert.That(EnvelopeFormat.TryDecodeBase64(text), Is.Null);
    }

    [TestCase("")]
    [TestCase(null)]
    public void ShouldReturnNullForEmptyBase64(string? text)
    {
        Assert.That(EnvelopeFormat.TryDecodeBase64(text), Is.Null);
    }
}
