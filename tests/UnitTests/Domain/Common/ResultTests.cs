using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Common;

namespace PasswordManager.UnitTests.Domain.Common;

public sealed class ResultTests
{
    private static readonly Error failure = new SessionExpired();

    [Test]
    public void ShouldReportSuccessWithoutError()
    {
        var result = Result.Success();

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.True);
            Assert.That(result.IsFailure, Is.False);
            Assert.Throws<InvalidOperationException>(() => _ = result.Error);
        });
    }

    [Test]
    public void ShouldCarryErrorOfFailure()
    {
        var result = Result.Failure(failure);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.False);
            Assert.That(result.IsFailure, Is.True);
            Assert.That(result.Error, Is.SameAs(failure));
        });
    }

    [Test]
    public void ShouldConvertErrorToFailedResult()
    {
        Result result = failure;

        Assert.Multiple(() =>
        {
            Assert.That(result.IsFailure, Is.True);
            Assert.That(result.Error, Is.SameAs(failure));
        });
    }

    [Test]
    public void ShouldRefuseFailureWithoutError()
    {
        Assert.Throws<ArgumentNullException>(() => Result.Failure(null!));
    }

    [Test]
    public void ShouldCarryValueOfSuccess()
    {
        var result = Result<int>.Success(42);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.True);
            Assert.That(result.IsFailure, Is.False);
            Assert.That(result.Value, Is.EqualTo(42));
            Assert.Throws<InvalidOperationException>(() => _ = result.Error);
        });
    }

    [Test]
    public void ShouldConvertValueToSuccessfulResult()
    {
        Result<string> result = "value";

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.True);
            Assert.That(result.Value, Is.EqualTo("value"));
        });
    }

    [Test]
    public void ShouldConvertErrorToFailedValueResult()
    {
        Result<string> result = failure;

        Assert.Multiple(() =>
        {
            Assert.That(result.IsFailure, Is.True);
            Assert.That(result.Error, Is.SameAs(failure));
            Assert.Throws<InvalidOperationException>(() => _ = result.Value);
        });
    }

    [Test]
    public void ShouldRefuseNullErrorForValueResult()
    {
        Error? missing = null;

        Assert.Throws<ArgumentNullException>(() => _ = (Result<string>)missing!);
    }

    [Test]
    public void ShouldTreatValueResultAsResult()
    {
        Result success = Result<int>.Success(1);
        Result failed = (Result<int>)failure;

        Assert.Multiple(() =>
        {
            Assert.That(success.IsSuccess, Is.True);
            Assert.That(failed.IsFailure, Is.True);
            Assert.That(failed.Error, Is.SameAs(failure));
        });
    }

    [Test]
    public void ShouldKeepErrorCodeAndMessage()
    {
        Assert.Multiple(() =>
        {
            Assert.That(failure.Code, Is.EqualTo("auth.session_expired"));
            Assert.That(failure.Message, Is.Not.Empty);
            Assert.That(failure, Is.InstanceOf<UnauthorizedError>());
        });
    }
}
