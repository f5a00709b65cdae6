using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Primitives;

public sealed class Ed25519WycheproofTests
{
    [Test]
    public void ShouldPassEveryWycheproofVector() => Wycheproof.Run("ed25519_test.json", Check);

    private static string? Check(WycheproofCase testCase)
    {
        var publicKey = Convert.FromHexString(testCase.Group.GetProperty("publicKey").GetProperty("pk").GetString()!);
        var verified = Ed25519Signer.Verify(publicKey, testCase.Hex("msg"), testCase.Hex("sig"));
        return (testCase.Result, verified) switch
        {
            ("valid", true) or ("invalid", false) => null,
            ("valid", false) => "valid signature rejected",
            _ => "invalid signature accepted",
        };
    }
}
