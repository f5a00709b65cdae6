using FluentValidation;
using PasswordManager.Application.Common.Validation;
using PasswordManager.Application.Encryption;
using PasswordManager.Application.Encryption.Operations;
using PasswordManager.Application.Encryption.Operations.Encrypt;
using PasswordManager.Domain.Common;
using PasswordManager.UnitTests.Support;

namespace PasswordManager.UnitTests.Application.Encryption.Operations.Encrypt;

/// <summary>
/// The encrypt validator's precheck lets a message skip FluentValidation, so it must never pass a message that one
/// of the rules refuses: every combination of valid and invalid fields below gets the same verdict from both.
/// </summary>
public sealed class EncryptCommandValidatorTests
{
    private readonly IValidator<EncryptCommand> validator = Validators.For<EncryptCommand>();

    private static readonly string?[] encryptionIds = ["orders", "a", new string('a', 128), new string('a', 129), "", "bad id", "-lead", null];

    // Never null: the endpoints pass an empty list for absent items (and the rules themselves throw on null).
    private static readonly Func<IReadOnlyList<Plaintext?>>[] itemLists =
    [
        () => [Plaintext.FromBase64("QUJD")],
        () => [Plaintext.FromBase64("")],
        () => [Plaintext.Copy(new byte[EncryptionLimits.MaxItemBytes])],
        () => [Plaintext.Copy(new byte[EncryptionLimits.MaxItemBytes + 1])],
        () => [Plaintext.FromBase64("QUJ")],
        () => [null],
        () => [Plaintext.FromBase64("QUJD"), null],
        () => [Plaintext.FromBase64("QUJD"), Plaintext.FromBase64("not base64!")],
        () => [.. Enumerable.Range(0, EncryptionLimits.MaxBatchItems).Select(_ => Plaintext.FromBase64("QUJD"))],
        () => [.. Enumerable.Range(0, EncryptionLimits.MaxBatchItems + 1).Select(_ => Plaintext.FromBase64("QUJD"))],
        () => [],
    ];

    private static readonly Guid?[] versionIds = [null, Guid.NewGuid(), Guid.Empty];

    private static readonly string?[] masterKeys = [null, Convert.ToBase64String(new byte[32]), Convert.ToBase64String(new byte[31]), "not base64!"];

    [Test]
    public void ShouldPrecheckExactlyTheMessagesTheRulesAccept()
    {
        var precheck = (IPrecheckedValidator<EncryptCommand>)validator;
        var combinations = 0;
        foreach (var encryptionId in encryptionIds)
        foreach (var items in itemLists)
        foreach (var versionId in versionIds)
        foreach (var masterKey in masterKeys)
        {
            var command = new EncryptCommand(TenantId.Default, encryptionId!, items(), versionId, masterKey);
            Assert.That(
                precheck.Passes(command), Is.EqualTo(validator.Validate(command).IsValid),
                $"encryptionId {encryptionId}, {command.Items.Count} items, version {versionId}, master key {masterKey}");
            combinations++;
        }

        Assert.That(combinations, Is.EqualTo(8 * 11 * 3 * 4));
    }

    [Test]
    public void ShouldNameTheItemAndKeepTheMessageForDataThatIsNotBase64()
    {
        var command = new EncryptCommand(TenantId.Default, "orders", [Plaintext.FromBase64("QUJD"), Plaintext.FromBase64("QUJ")], null, null);

        var errors = validator.Validate(command).Errors;

        Assert.That(errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[]
        {
            ("Items[1]", $"data must be base64 of at most {EncryptionLimits.MaxItemBytes} bytes."),
        }));
    }
}
