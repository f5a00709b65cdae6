using FluentValidation;
using PasswordManager.Application.Auth;
using PasswordManager.Application.Auth.Sessions.RefreshSession;
using PasswordManager.UnitTests.Support;

namespace PasswordManager.UnitTests.Application.Auth.Sessions.RefreshSession;

public sealed class RefreshSessionCommandValidatorTests
{
    private readonly IValidator<RefreshSessionCommand> validator = Validators.For<RefreshSessionCommand>();

    [Test]
    public void ShouldAcceptGeneratedRefreshToken()
    {
        Assert.That(validator.Validate(new RefreshSessionCommand(OpaqueToken.Generate())).Errors, Is.Empty);
    }

    [Test]
    public void ShouldAcceptTokenOfMaximumLength()
    {
        Assert.That(validator.Validate(new RefreshSessionCommand(new string('t', 128))).Errors, Is.Empty);
    }

    [TestCase("")]
    [TestCase(null)]
    public void ShouldRejectMissingToken(string? token)
    {
        var result = validator.Validate(new RefreshSessionCommand(token!));

        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "RefreshToken" }));
    }

    [Test]
    public void ShouldRejectTooLongToken()
    {
        var result = validator.Validate(new RefreshSessionCommand(new string('t', 129)));

        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "RefreshToken" }));
    }
}
