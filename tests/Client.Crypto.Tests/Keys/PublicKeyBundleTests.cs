using System.Text.RegularExpressions;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Keys;

public sealed partial class PublicKeyBundleTests
{
    [Test]
    public void ShouldRoundTripAVerifiedBundle()
    {
        using var account = TestAccounts.Create();
        var bytes = account.PublicBundle.ToArray();

        var parsed = PublicKeyBundle.Parse(bytes, account.UserId);

        Assert.Multiple(() =>
        {
            Assert.That(bytes, Has.Length.EqualTo(PublicKeyBundle.Size));
            Assert.That(bytes[0], Is.EqualTo(0x01));
            Assert.That(bytes.AsSpan(1, 16).ToArray(), Is.EqualTo(account.UserId.ToByteArray(bigEndian: true)));
            Assert.That(parsed.UserId, Is.EqualTo(account.UserId));
            Assert.That(parsed.Matches(account.PublicBundle), Is.True);
            Assert.That(parsed.Fingerprint, Is.EqualTo(account.PublicBundle.Fingerprint));
        });
    }

    [Test]
    public void ShouldRejectEveryFlippedBit()
    {
        using var account = TestAccounts.Create();
        var bytes = account.PublicBundle.ToArray();

        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var tampered = Bits.Flip(bytes, bit);
            Assert.That(
                () => PublicKeyBundle.Parse(tampered, account.UserId),
                bit < 8 ? Throws.TypeOf<CryptoFormatException>() : Throws.TypeOf<SignatureInvalidException>(),
                $"bit {bit}");
        }
    }

    [Test]
    public void ShouldRejectBundleSignedByAnotherKey()
    {
        using var account = TestAccounts.Create();
        using var attacker = TestAccounts.Create();
        var forged = account.PublicBundle.ToArray();
        var signedPart = forged.AsSpan(0, 81).ToArray();
        Ed25519Signer.Sign(attacker.SigningKey, [.. "pm/v1/bundle"u8, .. signedPart]).CopyTo(forged, 81);

        Assert.Throws<SignatureInvalidException>(() => PublicKeyBundle.Parse(forged, account.UserId));
    }

    [Test]
    public void ShouldRejectSubstitutedSigningKey()
    {
        using var account = TestAccounts.Create();
        using var attacker = TestAccounts.Create();
        var forged = account.PublicBundle.ToArray();
        attacker.PublicBundle.ToArray().AsSpan(49, 32).CopyTo(forged.AsSpan(49));

        Assert.Throws<SignatureInvalidException>(() => PublicKeyBundle.Parse(forged, account.UserId));
    }

    [Test]
    public void ShouldRejectBundleOfAnotherUser()
    {
        using var account = TestAccounts.Create();
        using var other = TestAccounts.Create();

        Assert.Throws<IdentityMismatchException>(() => PublicKeyBundle.Parse(other.PublicBundle.ToArray(), account.UserId));
    }

    [Test]
    public void ShouldRejectWrongLengthAndVersion()
    {
        using var account = TestAccounts.Create();
        var bytes = account.PublicBundle.ToArray();
        var shortened = bytes.AsSpan(0, 144).ToArray();
        var version2 = bytes.ToArray();
        version2[0] = 0x02;

        Assert.Multiple(() =>
        {
            Assert.Throws<CryptoFormatException>(() => PublicKeyBundle.Parse(shortened, account.UserId));
            Assert.Throws<CryptoFormatException>(() => PublicKeyBundle.Parse([.. bytes, 0], account.UserId));
            Assert.Throws<CryptoFormatException>(() => PublicKeyBundle.Parse(version2, account.UserId));
        });
    }

    [Test]
    public void ShouldRejectSelfSignedBundleWithLowOrderEncryptionKey()
    {
        using var account = TestAccounts.Create();
        var bundle = account.PublicBundle.ToArray();
        bundle.AsSpan(17, 32).Clear();
        Ed25519Signer.Sign(account.SigningKey, [.. "pm/v1/bundle"u8, .. bundle.AsSpan(0, 81).ToArray()]).CopyTo(bundle, 81);

        Assert.Throws<CryptoFormatException>(() => PublicKeyBundle.Parse(bundle, account.UserId));
    }

    [Test]
    public void ShouldRenderFingerprintAsTwelveGroupsOfFiveDigits()
    {
        using var account = TestAccounts.Create();
        using var other = TestAccounts.Create();

        var fingerprint = account.PublicBundle.Fingerprint;

        Assert.Multiple(() =>
        {
            Assert.That(FingerprintShape().IsMatch(fingerprint), Is.True, fingerprint);
            Assert.That(Fingerprint.Compute(account.PublicBundle), Is.EqualTo(fingerprint));
            Assert.That(other.PublicBundle.Fingerprint, Is.Not.EqualTo(fingerprint));
        });
    }

    [GeneratedRegex("^[0-9]{5}( [0-9]{5}){11}$")]
    private static partial Regex FingerprintShape();
}
