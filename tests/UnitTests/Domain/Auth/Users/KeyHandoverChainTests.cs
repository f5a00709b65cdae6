using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.UnitTests.Domain.Auth.Users;

/// <summary>An account's stored chain of hand-over statements holds version-1 (355 bytes) and version-2 (419 bytes) ones.</summary>
public sealed class KeyHandoverChainTests
{
    [Test]
    public void ShouldMatchTheDocumentedLengths()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EnvelopeFormat.KeyHandoverLengthOf(0x01), Is.EqualTo(355));
            Assert.That(EnvelopeFormat.KeyHandoverLengthOf(0x02), Is.EqualTo(419));
            Assert.That(EnvelopeFormat.KeyHandoverLengthOf(0x00), Is.Zero);
            Assert.That(EnvelopeFormat.KeyHandoverLengthOf(0x03), Is.Zero);
        });
    }

    [Test]
    public void ShouldSplitAChainOfBothVersionsInOrder()
    {
        byte[][] statements = [Statement(1, 0x10), Statement(2, 0x20), Statement(1, 0x30), Statement(2, 0x40)];

        var split = EnvelopeFormat.SplitKeyHandovers(statements.SelectMany(s => s).ToArray());

        Assert.That(split, Is.EqualTo(statements));
    }

    [TestCase(new byte[] { 0x03 }, TestName = "ShouldStopSplittingAtAnUnknownVersion")]
    [TestCase(new byte[] { 0x02, 0x00 }, TestName = "ShouldStopSplittingAtATruncatedStatement")]
    public void ShouldNeverReturnAPartialStatement(byte[] tail)
    {
        var first = Statement(2, 0x10);

        var split = EnvelopeFormat.SplitKeyHandovers([.. first, .. tail]);

        Assert.That(split, Is.EqualTo(new[] { first }));
    }

    [Test]
    public void ShouldAcceptAHandoverOfEitherVersionFromTheCurrentBundleToTheNewOne()
    {
        var (old, next) = (Bundle(0x11), Bundle(0x22));

        Assert.Multiple(() =>
        {
            Assert.That(EnvelopeFormat.IsKeyHandover(Statement(1, old, next), old, next), Is.True);
            Assert.That(EnvelopeFormat.IsKeyHandover(Statement(2, old, next), old, next), Is.True);
            Assert.That(EnvelopeFormat.IsKeyHandover(Statement(2, old, next).AsSpan(0, 355), old, next), Is.False, "a version-2 byte with the version-1 length");
            Assert.That(EnvelopeFormat.IsKeyHandover([.. Statement(1, old, next), .. new byte[64]], old, next), Is.False, "a version-1 byte with the version-2 length");
            Assert.That(EnvelopeFormat.IsKeyHandover(Statement(2, next, old), old, next), Is.False, "the other direction");
            Assert.That(EnvelopeFormat.IsKeyHandover([], old, next), Is.False);
        });
    }

    [Test]
    public void ShouldKeepTheLatestSixteenStatementsOfMixedVersions()
    {
        var user = User.Register(
            new NewAccount(new UserId(Guid.NewGuid()), "alice", null, KdfParameters.Default, new byte[16], new byte[74], new byte[106], Bundle(0), null),
            new TenantId(Guid.NewGuid()), TenantRole.Member, "verifier", DateTimeOffset.UnixEpoch);
        var rotations = Enumerable.Range(1, User.MaxKeyHandovers + 3).Select(i => Statement(i % 3 == 0 ? 1 : 2, (byte)i)).ToList();

        foreach (var statement in rotations) user.RotateKeys(new byte[106], Bundle(1), statement, DateTimeOffset.UnixEpoch);

        Assert.That(EnvelopeFormat.SplitKeyHandovers(user.KeyHandovers), Is.EqualTo(rotations.TakeLast(User.MaxKeyHandovers)));
    }

    private static byte[] Bundle(byte fill) => [0x01, .. Enumerable.Repeat(fill, EnvelopeFormat.PublicKeyBundleLength - 1)];

    private static byte[] Statement(int version, byte fill) => Statement(version, Bundle(fill), Bundle((byte)(fill + 1)));

    private static byte[] Statement(int version, byte[] old, byte[] next) =>
        [(byte)version, .. old, .. next, .. new byte[version == 1 ? 64 : 128]];
}
