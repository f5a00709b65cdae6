using System.Diagnostics;
using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Crypto.Tests.Kdf;

public sealed class KdfParametersTests
{
    private static readonly byte[] salt = new byte[16];

    private static IEnumerable<TestCaseData> RejectedParameters()
    {
        yield return new TestCaseData(19455, 3, 1).SetName("ShouldRejectMemoryBelowNineteenMebibytes");
        yield return new TestCaseData(1024, 3, 1).SetName("ShouldRejectTinyMemory");
        yield return new TestCaseData(65536, 1, 1).SetName("ShouldRejectSingleIteration");
        yield return new TestCaseData(65536, 0, 1).SetName("ShouldRejectZeroIterations");
        yield return new TestCaseData(1048577, 3, 1).SetName("ShouldRejectMemoryAboveOneGibibyte");
        yield return new TestCaseData(int.MaxValue, 3, 1).SetName("ShouldRejectHugeMemory");
        yield return new TestCaseData(65536, 17, 1).SetName("ShouldRejectMoreThanSixteenIterations");
        yield return new TestCaseData(65536, 3, 2).SetName("ShouldRejectParallelismAboveOne");
        yield return new TestCaseData(65536, 3, 0).SetName("ShouldRejectZeroParallelism");
        yield return new TestCaseData(-1, -1, -1).SetName("ShouldRejectNegativeParameters");
    }

    [TestCaseSource(nameof(RejectedParameters))]
    public void ShouldRejectBeforeAnyDerivation(int memoryKiB, int iterations, int parallelism)
    {
        var before = MasterKey.DerivationCount;
        var stopwatch = Stopwatch.StartNew();

        Assert.Throws<KdfParametersRejectedException>(
            () => MasterKey.Derive("password", salt, new KdfParameters(memoryKiB, iterations, parallelism)));

        Assert.Multiple(() =>
        {
            Assert.That(MasterKey.DerivationCount, Is.EqualTo(before), "Argon2id must not run.");
            Assert.That(stopwatch.ElapsedMilliseconds, Is.LessThan(1000));
        });
    }

    [TestCase(0)]
    [TestCase(8)]
    [TestCase(15)]
    [TestCase(17)]
    [TestCase(32)]
    public void ShouldRejectSaltThatIsNotSixteenBytes(int saltLength)
    {
        var before = MasterKey.DerivationCount;

        Assert.Throws<KdfParametersRejectedException>(() => MasterKey.Derive("password", new byte[saltLength], KdfParameters.Minimum));
        Assert.That(MasterKey.DerivationCount, Is.EqualTo(before));
    }

    [Test]
    public void ShouldAcceptTheBoundaries()
    {
        Assert.Multiple(() =>
        {
            Assert.DoesNotThrow(() => KdfParameters.Minimum.Validate());
            Assert.DoesNotThrow(() => KdfParameters.Default.Validate());
            Assert.DoesNotThrow(() => new KdfParameters(1048576, 16, 1).Validate());
            Assert.That(KdfParameters.Default, Is.EqualTo(new KdfParameters(65536, 3, 1)));
            Assert.That(KdfParameters.Minimum, Is.EqualTo(new KdfParameters(19456, 2, 1)));
        });
    }

    [Test]
    public void ShouldNotRevealSecretsInRejectionMessages()
    {
        var exception = Assert.Throws<KdfParametersRejectedException>(
            () => MasterKey.Derive("hunter2-secret", salt, new KdfParameters(1, 1, 1)));

        Assert.That(exception!.Message, Does.Not.Contain("hunter2"));
    }
}
