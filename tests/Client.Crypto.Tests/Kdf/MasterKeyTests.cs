using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Crypto.Tests.Kdf;

public sealed class MasterKeyTests
{
    private static readonly byte[] salt = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];

    [Test]
    public void ShouldDeriveDifferentAuthHashAndKek()
    {
        using var masterKey = MasterKey.Derive("password", salt, KdfParameters.Minimum);

        Assert.That(masterKey.DeriveAuthHash(), Is.Not.EqualTo(masterKey.DeriveKekBytes()));
        Assert.That(masterKey.DeriveAuthHash(), Is.Not.EqualTo(masterKey.ExportForTests()));
    }

    [Test]
    public void ShouldDependOnSaltAndParameters()
    {
        using var reference = MasterKey.Derive("password", salt, KdfParameters.Minimum);
        using var otherSalt = MasterKey.Derive("password", new byte[16], KdfParameters.Minimum);
        using var otherParameters = MasterKey.Derive("password", salt, KdfParameters.Minimum with { Iterations = 3 });

        Assert.Multiple(() =>
        {
            Assert.That(otherSalt.DeriveAuthHash(), Is.Not.EqualTo(reference.DeriveAuthHash()));
            Assert.That(otherParameters.DeriveAuthHash(), Is.Not.EqualTo(reference.DeriveAuthHash()));
        });
    }

    [Test]
    public void ShouldDeriveAtDefaultParameters()
    {
        using var masterKey = MasterKey.Derive("correct horse battery staple", salt, KdfParameters.Default);

        Assert.That(masterKey.DeriveAuthHash(), Has.Length.EqualTo(32));
    }

    [Test]
    public void ShouldRejectEmptyPasswordAndUnpairedSurrogates()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => MasterKey.Derive(string.Empty, salt, KdfParameters.Minimum));
            Assert.Throws<ArgumentException>(() => MasterKey.Derive("abc\ud800", salt, KdfParameters.Minimum));
        });
    }

    [Test]
    public void ShouldRefuseUseAfterDispose()
    {
        var masterKey = MasterKey.Derive("password", salt, KdfParameters.Minimum);
        masterKey.Dispose();

        Assert.Throws<ObjectDisposedException>(() => masterKey.DeriveAuthHash());
    }
}
