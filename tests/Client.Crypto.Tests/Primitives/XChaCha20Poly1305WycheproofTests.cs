using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Primitives;

public sealed class XChaCha20Poly1305WycheproofTests
{
    [Test]
    public void ShouldPassEveryWycheproofVector() => Wycheproof.Run("xchacha20_poly1305_test.json", Check);

    private static string? Check(WycheproofCase testCase)
    {
        using var key = Aead.ImportKey(testCase.Hex("key"), exportable: false);
        var nonce = testCase.Hex("iv");
        var aad = testCase.Hex("aad");
        var message = testCase.Hex("msg");
        byte[] sealedBytes = [.. testCase.Hex("ct"), .. testCase.Hex("tag")];
        var opened = new byte[message.Length];

        if (testCase.Result == "valid")
        {
            var encrypted = new byte[message.Length + Aead.TagSize];
            Aead.Encrypt(key, nonce, aad, message, encrypted);
            if (!encrypted.AsSpan().SequenceEqual(sealedBytes))
            {
                return "encryption differs";
            }

            return Aead.TryDecrypt(key, nonce, aad, sealedBytes, opened) && opened.AsSpan().SequenceEqual(message)
                ? null
                : "valid ciphertext did not decrypt";
        }

        if (testCase.Flags.Contains("InvalidNonceSize"))
        {
            try
            {
                Aead.TryDecrypt(key, nonce, aad, sealedBytes, opened);
                return "a nonce of the wrong size was accepted";
            }
            catch (CryptoFormatException)
            {
                return null;
            }
        }

        return Aead.TryDecrypt(key, nonce, aad, sealedBytes, opened) ? "invalid ciphertext decrypted" : null;
    }
}
