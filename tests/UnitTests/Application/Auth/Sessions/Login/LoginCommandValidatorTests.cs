using FluentValidation;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.UnitTests.Support;

namespace PasswordManager.UnitTests.Application.Auth.Sessions.Login;

public sealed class LoginCommandValidatorTests
{
    private readonly IValidator<LoginCommand> validator = Validators.For<LoginCommand>();

    [Test]
    public void ShouldAcceptWellFormedLogin()
    {
        Assert.That(validator.Validate(Valid()).Errors, Is.Empty);
    }

    [Test]
    public void ShouldAcceptLoginAtEveryLimit()
    {
        var command = Valid() with
        {
            Username = new string('a', 256),
            Device = new DeviceInfo(Guid.NewGuid(), new string('d', 100), DeviceType.Unknown),
        };

        Assert.That(validator.Validate(command).Errors, Is.Empty);
    }

    private static IEnumerable<TestCaseData> InvalidLogins()
    {
        yield return Case("ShouldRejectEmptyUsername", c => c with { Username = "" }, "Username");
        yield return Case("ShouldRejectMissingUsername", c => c with { Username = null! }, "Username");
        yield return Case("ShouldRejectTooLongUsername", c => c with { Username = new string('a', 257) }, "Username");
        yield return Case("ShouldRejectAuthHashThatIsNotBase64", c => c with { AuthHash = "not base64!" }, "AuthHash");
        yield return Case("ShouldRejectMissingAuthHash", c => c with { AuthHash = null! }, "AuthHash");
        yield return Case("ShouldRejectAuthHashOneByteShort", c => c with { AuthHash = Base64(31) }, "AuthHash");
        yield return Case("ShouldRejectAuthHashOneByteLong", c => c with { AuthHash = Base64(33) }, "AuthHash");
        yield return Case("ShouldRejectMissingDevice", c => c with { Device = null! }, "Device");
        yield return Case("ShouldRejectEmptyDeviceId", c => c with { Device = c.Device with { Id = Guid.Empty } }, "Device.Id");
        yield return Case("ShouldRejectEmptyDeviceName", c => c with { Device = c.Device with { Name = "" } }, "Device.Name");
        yield return Case("ShouldRejectTooLongDeviceName", c => c with { Device = c.Device with { Name = new string('d', 101) } }, "Device.Name");
        yield return Case("ShouldRejectUnknownDeviceType", c => c with { Device = c.Device with { Type = (DeviceType)99 } }, "Device.Type");
    }

    [TestCaseSource(nameof(InvalidLogins))]
    public void ShouldRejectOnTheOffendingPropertyOnly(Func<LoginCommand, LoginCommand> change, string property)
    {
        var result = validator.Validate(change(Valid()));

        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { property }));
    }

    private static TestCaseData Case(string name, Func<LoginCommand, LoginCommand> change, string property) =>
        new TestCaseData(change, property).SetName(name);

    private static LoginCommand Valid() =>
        new("alice", Base64(32), new DeviceInfo(Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-5c6d7e8f9a0b"), "laptop", DeviceType.Desktop));

    private static string Base64(int length) => Convert.ToBase64String(Envelopes.Filled(length));
}
