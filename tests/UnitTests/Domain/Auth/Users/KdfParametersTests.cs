using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.UnitTests.Domain.Auth.Users;

public sealed class KdfParametersTests
{
    private const int typicalMemoryKiB = 64 * 1024;
    private const int typicalIterations = 3;

    [Test]
    public void ShouldUseTheDocumentedFloorAndCeiling()
    {
        Assert.Multiple(() =>
        {
            Assert.That(KdfParameters.MinMemoryKiB, Is.EqualTo(19456));
            Assert.That(KdfParameters.MaxMemoryKiB, Is.EqualTo(1048576));
            Assert.That(KdfParameters.MinIterations, Is.EqualTo(2));
            Assert.That(KdfParameters.MaxIterations, Is.EqualTo(16));
        });
    }

    [Test]
    public void ShouldHaveDefaultWithinLimits()
    {
        Assert.That(KdfParameters.Default.IsWithinLimits(), Is.True);
    }

    [TestCase(19455, false)]
    [TestCase(19456, true)]
    [TestCase(19457, true)]
    [TestCase(65536, true)]
    [TestCase(1048575, true)]
    [TestCase(1048576, true)]
    [TestCase(1048577, false)]
    [TestCase(0, false)]
    [TestCase(-1, false)]
    [TestCase(int.MinValue, false)]
    [TestCase(int.MaxValue, false)]
    public void ShouldBoundMemory(int memoryKiB, bool expected)
    {
        Assert.That(new KdfParameters(memoryKiB, typicalIterations, 1).IsWithinLimits(), Is.EqualTo(expected));
    }

    [TestCase(1, false)]
    [TestCase(2, true)]
    [TestCase(3, true)]
    [TestCase(15, true)]
    [TestCase(16, true)]
    [TestCase(17, false)]
    [TestCase(0, false)]
    [TestCase(-1, false)]
    [TestCase(int.MaxValue, false)]
    public void ShouldBoundIterations(int iterations, bool expected)
    {
        Assert.That(new KdfParameters(typicalMemoryKiB, iterations, 1).IsWithinLimits(), Is.EqualTo(expected));
    }

    [TestCase(1, true)]
    [TestCase(0, false)]
    [TestCase(2, false)]
    [TestCase(4, false)]
    [TestCase(-1, false)]
    public void ShouldRequireParallelismOne(int parallelism, bool expected)
    {
        Assert.That(new KdfParameters(typicalMemoryKiB, typicalIterations, parallelism).IsWithinLimits(), Is.EqualTo(expected));
    }

    [TestCase(19456, 2, 1, true)]
    [TestCase(1048576, 16, 1, true)]
    [TestCase(19455, 2, 1, false)]
    [TestCase(19456, 1, 1, false)]
    [TestCase(1048577, 16, 1, false)]
    [TestCase(1048576, 17, 1, false)]
    [TestCase(19456, 2, 2, false)]
    public void ShouldBoundParametersTogetherAtTheCorners(int memoryKiB, int iterations, int parallelism, bool expected)
    {
        Assert.That(new KdfParameters(memoryKiB, iterations, parallelism).IsWithinLimits(), Is.EqualTo(expected));
    }
}
