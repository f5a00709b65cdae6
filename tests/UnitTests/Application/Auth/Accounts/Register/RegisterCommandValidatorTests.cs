using FluentValidation;
using PasswordManager.Application.Auth.Accounts.Register;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.UnitTests.Support;

namespace PasswordManager.UnitTests.Application.Auth.Accounts.Register;

public sealed class RegisterCommandValidatorTests
{
    private static readonly Guid aliceId = Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-5c6d7e8f9a0b");
    private static readonly Guid bobId = Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-000000000001");

    /// <summary>RegisterCommandValidator.MaxPasswordHintLength; the validator is internal.</summary>
    private const int maxPasswordHintLength = 120;

    private readonly IValidator<RegisterCommand> validator = Validators.For<RegisterCommand>();

    [Test]
    public void ShouldAcceptWellFormedRegistration()
    {
        var result = validator.Validate(Valid());

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void ShouldAcceptRegistrationWithoutOptionalFields()
    {
        var command = Valid() with { Email = null, PasswordHint = null, InvitationCode = null };

        Assert.That(validator.Validate(command).Errors, Is.Empty);
    }

    [Test]
    public void ShouldAcceptRegistrationAtEveryLimit()
    {
        var command = Valid() with
        {
            Username = new string('a', Username.MaxLength),
            Kdf = new KdfParameters(KdfParameters.MinMemoryKiB, KdfParameters.MaxIterations, 1),
            PasswordHint = new string('h', maxPasswordHintLength),
            InvitationCode = new string('c', 128),
        };

        Assert.That(validator.Validate(command).Errors, Is.Empty);
    }

    private static IEnumerable<TestCaseData> InvalidRegistrations()
    {
        yield return Case("ShouldRejectEmptyUserId", c => Valid(Guid.Empty), nameof(RegisterCommand.UserId));

        yield return Case("ShouldRejectTooShortUsername", c => c with { Username = "ab" }, nameof(RegisterCommand.Username));
        yield return Case("ShouldRejectTooLongUsername", c => c with { Username = new string('a', 65) }, nameof(RegisterCommand.Username));
        yield return Case("ShouldRejectUsernameStartingWithDot", c => c with { Username = ".alice" }, nameof(RegisterCommand.Username));
        yield return Case("ShouldRejectUsernameWithSpace", c => c with { Username = "alice smith" }, nameof(RegisterCommand.Username));
        yield return Case("ShouldRejectMissingUsername", c => c with { Username = null! }, nameof(RegisterCommand.Username));

        yield return Case("ShouldRejectMalformedEmail", c => c with { Email = "not-an-email" }, nameof(RegisterCommand.Email));
        yield return Case("ShouldRejectTooLongEmail", c => c with { Email = new string('e', 250) + "@x.io" }, nameof(RegisterCommand.Email));

        yield return Case("ShouldRejectAuthHashThatIsNotBase64", c => c with { AuthHash = "not base64!" }, nameof(RegisterCommand.AuthHash));
        yield return Case("ShouldRejectEmptyAuthHash", c => c with { AuthHash = "" }, nameof(RegisterCommand.AuthHash));
        yield return Case("ShouldRejectAuthHashOneByteShort", c => c with { AuthHash = Base64(31) }, nameof(RegisterCommand.AuthHash));
        yield return Case("ShouldRejectAuthHashOneByteLong", c => c with { AuthHash = Base64(33) }, nameof(RegisterCommand.AuthHash));

        yield return Case("ShouldRejectKdfMemoryBelowFloor", c => c with { Kdf = new KdfParameters(19455, 3, 1) }, nameof(RegisterCommand.Kdf));
        yield return Case("ShouldRejectKdfMemoryAboveCeiling", c => c with { Kdf = new KdfParameters(1048577, 3, 1) }, nameof(RegisterCommand.Kdf));
        yield return Case("ShouldRejectKdfIterationsBelowFloor", c => c with { Kdf = new KdfParameters(65536, 1, 1) }, nameof(RegisterCommand.Kdf));
        yield return Case("ShouldRejectKdfIterationsAboveCeiling", c => c with { Kdf = new KdfParameters(65536, 17, 1) }, nameof(RegisterCommand.Kdf));
        yield return Case("ShouldRejectKdfParallelismOtherThanOne", c => c with { Kdf = new KdfParameters(65536, 3, 2) }, nameof(RegisterCommand.Kdf));
        yield return Case("ShouldRejectMissingKdf", c => c with { Kdf = null! }, nameof(RegisterCommand.Kdf));

        yield return Case("ShouldRejectKdfSaltThatIsNotBase64", c => c with { KdfSalt = "%%%%" }, nameof(RegisterCommand.KdfSalt));
        yield return Case("ShouldRejectKdfSaltOneByteShort", c => c with { KdfSalt = Base64(15) }, nameof(RegisterCommand.KdfSalt));
        yield return Case("ShouldRejectKdfSaltOneByteLong", c => c with { KdfSalt = Base64(17) }, nameof(RegisterCommand.KdfSalt));

        yield return Case("ShouldRejectUserKeyWithWrongVersion",
            c => c with { EncryptedUserKey = Base64(Envelopes.Symmetric(32, version: 0x02)) }, nameof(RegisterCommand.EncryptedUserKey));
        yield return Case("ShouldRejectUserKeyWithSealedAlgorithm",
            c => c with { EncryptedUserKey = Base64(Envelopes.Symmetric(32, algorithm: 0x02)) }, nameof(RegisterCommand.EncryptedUserKey));
        yield return Case("ShouldRejectUserKeyOneByteShort",
            c => c with { EncryptedUserKey = Base64(Envelopes.Symmetric(31)) }, nameof(RegisterCommand.EncryptedUserKey));
        yield return Case("ShouldRejectUserKeyOneByteLong",
            c => c with { EncryptedUserKey = Base64(Envelopes.Symmetric(33)) }, nameof(RegisterCommand.EncryptedUserKey));
        yield return Case("ShouldRejectUserKeyThatIsNotBase64",
            c => c with { EncryptedUserKey = "not base64!" }, nameof(RegisterCommand.EncryptedUserKey));

        yield return Case("ShouldRejectPrivateKeysWithWrongVersion",
            c => c with { EncryptedPrivateKeys = Base64(Envelopes.Symmetric(64, version: 0x00)) }, nameof(RegisterCommand.EncryptedPrivateKeys));
        yield return Case("ShouldRejectPrivateKeysWithSealedAlgorithm",
            c => c with { EncryptedPrivateKeys = Base64(Envelopes.Symmetric(64, algorithm: 0x02)) }, nameof(RegisterCommand.EncryptedPrivateKeys));
        yield return Case("ShouldRejectPrivateKeysSizedLikeUserKey",
            c => c with { EncryptedPrivateKeys = Base64(Envelopes.Symmetric(32)) }, nameof(RegisterCommand.EncryptedPrivateKeys));
        yield return Case("ShouldRejectPrivateKeysOneByteLong",
            c => c with { EncryptedPrivateKeys = Base64(Envelopes.Symmetric(65)) }, nameof(RegisterCommand.EncryptedPrivateKeys));

        yield return Case("ShouldRejectBundleOfAnotherUserId",
            c => c with { PublicKeyBundle = Base64(Envelopes.PublicKeyBundle(bobId)) }, nameof(RegisterCommand.PublicKeyBundle));
        yield return Case("ShouldRejectBundleWithLittleEndianUserId",
            c => c with { PublicKeyBundle = Base64(LittleEndianBundle()) }, nameof(RegisterCommand.PublicKeyBundle));
        yield return Case("ShouldRejectBundleWithWrongVersion",
            c => c with { PublicKeyBundle = Base64(Envelopes.PublicKeyBundle(aliceId, version: 0x02)) }, nameof(RegisterCommand.PublicKeyBundle));
        yield return Case("ShouldRejectBundleOneByteShort",
            c => c with { PublicKeyBundle = Base64(Envelopes.PublicKeyBundle(aliceId, length: 144)) }, nameof(RegisterCommand.PublicKeyBundle));
        yield return Case("ShouldRejectBundleThatIsNotBase64",
            c => c with { PublicKeyBundle = "not base64!" }, nameof(RegisterCommand.PublicKeyBundle));

        yield return Case("ShouldRejectTooLongPasswordHint",
            c => c with { PasswordHint = new string('h', maxPasswordHintLength + 1) }, nameof(RegisterCommand.PasswordHint));
        yield return Case("ShouldRejectTooLongInvitationCode",
            c => c with { InvitationCode = new string('c', 129) }, nameof(RegisterCommand.InvitationCode));
    }

    [TestCaseSource(nameof(InvalidRegistrations))]
    public void ShouldRejectOnTheOffendingPropertyOnly(Func<RegisterCommand, RegisterCommand> change, string property)
    {
        var result = validator.Validate(change(Valid()));

        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { property }));
    }

    private static TestCaseData Case(string name, Func<RegisterCommand, RegisterCommand> change, string property) =>
        new TestCaseData(change, property).SetName(name);

    private static RegisterCommand Valid() => Valid(aliceId);

    private static RegisterCommand Valid(Guid userId) => new(
        UserId: userId,
        Username: "alice",
        Email: "alice@example.com",
        AuthHash: Base64(32),
        Kdf: KdfParameters.Default,
        KdfSalt: Base64(16),
        EncryptedUserKey: Base64(Envelopes.Symmetric(32)),
        EncryptedPrivateKeys: Base64(Envelopes.Symmetric(64)),
        PublicKeyBundle: Base64(Envelopes.PublicKeyBundle(userId)),
        PasswordHint: "the usual",
        InvitationCode: "invitation");

    private static byte[] LittleEndianBundle()
    {
        var bundle = Envelopes.PublicKeyBundle(aliceId);
        aliceId.ToByteArray().CopyTo(bundle, 1);
        return bundle;
    }

    private static string Base64(int length) => Convert.ToBase64String(Envelopes.Filled(length));

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);
}
