using PasswordManager.Application.Encryption;
using PasswordManager.Application.Encryption.Operations;

namespace PasswordManager.UnitTests.Application.Encryption.Operations;

public sealed class PlaintextTests
{
    private static readonly string[] texts =
        ["", "QQ==", "QR==", "QQ=", "QUJD", "QUJ", "QU JD", " QUJD ", "Q\tUJD", "+/+/", "+/+", "-_-_", "QUJD====", "=QUJ", "é", "QUJD\0"];

    [TestCaseSource(nameof(texts))]
    public void ShouldDecodeExactlyWhatConvertDecodes(string text)
    {
        using var plaintext = Plaintext.FromBase64(text);
        var buffer = new byte[text.Length];
        var decodes = Convert.TryFromBase64String(text, buffer, out var written);

        Assert.That(plaintext.IsValid, Is.EqualTo(decodes));
        if (decodes) Assert.That(plaintext.AsSpan().ToArray(), Is.EqualTo(buffer[..written]));
    }

    [TestCaseSource(nameof(texts))]
    public void TheUtf8PathDecodesWhatConvertDecodesOrLeavesTheTextToIt(string text)
    {
        using var plaintext = Plaintext.FromBase64Utf8(System.Text.Encoding.UTF8.GetBytes(text));
        var buffer = new byte[text.Length];
        var decodes = Convert.TryFromBase64String(text, buffer, out var written);

        if (plaintext is null) return;
        Assert.That(plaintext.IsValid, Is.EqualTo(decodes));
        if (decodes) Assert.That(plaintext.AsSpan().ToArray(), Is.EqualTo(buffer[..written]));
    }

    [Test]
    public void TheUtf8PathTakesPlainBase64AndRefusesMoreThanTheItemLimit()
    {
        using var plain = Plaintext.FromBase64Utf8("QUJD"u8);
        using var atLimit = Plaintext.FromBase64Utf8(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[EncryptionLimits.MaxItemBytes])));
        using var overLimit = Plaintext.FromBase64Utf8(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[EncryptionLimits.MaxItemBytes + 1])));

        Assert.That((plain?.AsSpan().ToArray(), atLimit?.IsValid, overLimit?.IsValid), Is.EqualTo(("ABC"u8.ToArray(), true, false)));
    }

    [Test]
    public void ShouldRefuseMoreThanTheItemLimit()
    {
        using var atLimit = Plaintext.FromBase64(Convert.ToBase64String(new byte[EncryptionLimits.MaxItemBytes]));
        using var overLimit = Plaintext.FromBase64(Convert.ToBase64String(new byte[EncryptionLimits.MaxItemBytes + 1]));
        using var copiedOverLimit = Plaintext.Copy(new byte[EncryptionLimits.MaxItemBytes + 1]);

        Assert.That((atLimit.IsValid, overLimit.IsValid, copiedOverLimit.IsValid), Is.EqualTo((true, false, false)));
    }

    [Test]
    public void ShouldNotHandOutTheBufferAfterDispose()
    {
        var plaintext = Plaintext.Copy([1, 2, 3]);
        plaintext.Dispose();

        Assert.That(() => plaintext.AsSpan().Length, Throws.InvalidOperationException);
    }
}
