using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.UnitTests.Domain.Encryption;

public sealed class EncryptionContextTests
{
    private static readonly DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void ShouldStartAtVersionOneAndRotateToNewerVersions()
    {
        var context = NewContext();

        var v2 = context.Rotate(_ => new byte[60], now);

        Assert.That(context.LatestVersion, Is.EqualTo(2));
        Assert.That(v2.Version, Is.EqualTo(2));
        Assert.That(context.ToSnapshot().VersionForEncryption(null).Value.Id, Is.EqualTo(v2.Id));
    }

    [Test]
    public void ShouldRetireVersionsBelowTheMinimum()
    {
        var context = NewContext();
        var v1 = context.Versions[0].Id;
        context.Rotate(_ => new byte[60], now);

        Assert.That(context.SetMinimumDecryptionVersion(2, now).IsSuccess, Is.True);
        Assert.That(context.ToSnapshot().VersionForDecryption(v1).Error, Is.TypeOf<KeyVersionRetired>());
        Assert.That(context.SetMinimumDecryptionVersion(3, now).Error, Is.TypeOf<InvalidMinimumDecryptionVersion>());
        Assert.That(context.SetMinimumDecryptionVersion(0, now).Error, Is.TypeOf<InvalidMinimumDecryptionVersion>());
    }

    [Test]
    public void ShouldNeverDisableOrDestroyTheNewestVersion()
    {
        var context = NewContext();

        Assert.That(context.DisableVersion(1, now).Error, Is.TypeOf<KeyVersionIsLatest>());
        Assert.That(context.DestroyVersion(1, now).Error, Is.TypeOf<KeyVersionIsLatest>());
    }

    [Test]
    public void ShouldDestroyOnlyADisabledVersionBelowTheMinimumAndEraseItsKey()
    {
        var context = NewContext();
        context.Rotate(_ => new byte[60], now);

        Assert.That(context.DestroyVersion(1, now).Error, Is.TypeOf<KeyVersionNotDestroyable>());
        context.DisableVersion(1, now);
        Assert.That(context.DestroyVersion(1, now).Error, Is.TypeOf<KeyVersionNotDestroyable>());
        context.SetMinimumDecryptionVersion(2, now);

        Assert.That(context.DestroyVersion(1, now).IsSuccess, Is.True);
        Assert.That(context.Versions[0].WrappedKey, Is.Null);
        Assert.That(context.Versions[0].State, Is.EqualTo(KeyVersionState.Destroyed));
        Assert.That(context.EnableVersion(1, now).Error, Is.TypeOf<KeyVersionDestroyed>());
    }

    [Test]
    public void ShouldRefuseADisabledVersionForEncryptionAndDecryption()
    {
        var context = NewContext();
        var v1 = context.Versions[0].Id;
        context.Rotate(_ => new byte[60], now);
        context.DisableVersion(1, now);

        var snapshot = context.ToSnapshot();

        Assert.That(snapshot.VersionForDecryption(v1).Error, Is.TypeOf<KeyVersionDisabled>());
        Assert.That(snapshot.VersionForEncryption(v1).Error, Is.TypeOf<KeyVersionDisabled>());
        Assert.That(snapshot.VersionForDecryption(Guid.NewGuid()).Error, Is.TypeOf<KeyVersionNotFound>());
    }

    [TestCase("totp-seeds", true)]
    [TestCase("tenant.provider:tokens_v2", true)]
    [TestCase("", false)]
    [TestCase("-leading-dash", false)]
    [TestCase("has space", false)]
    [TestCase("a/b", false)]
    public void ShouldAcceptOnlyPathSafeEncryptionIds(string encryptionId, bool valid)
    {
        Assert.That(EncryptionContext.IsValidEncryptionId(encryptionId), Is.EqualTo(valid));
    }

    private static EncryptionContext NewContext() =>
        EncryptionContext.Create(TenantId.Default, "ctx", KeyProtection.Platform, _ => new byte[60], now);
}
