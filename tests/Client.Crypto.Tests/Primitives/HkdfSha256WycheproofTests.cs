using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Primitives;

public sealed class HkdfSha256WycheproofTests
{
    [Test]
    public void ShouldPassEveryWycheproofVector() => Wycheproof.Run("hkdf_sha256_test.json", Check);

    private static string? Check(WycheproofCase testCase)
    {
        var size = testCase.Test.GetProperty("size").GetInt32();
        var output = new byte[size];
        try
        {
            Hkdf.DeriveBytes(testCase.Hex("ikm"), testCase.Hex("salt"), testCase.Hex("info"), output);
        }
        catch (ArgumentOutOfRangeException)
        {
            return testCase.Result == "invalid" ? null : "valid output size refused";
        }

        if (testCase.Result == "invalid")
        {
            return "invalid output size accepted";
        }

        return output.AsSpan().SequenceEqual(testCase.Hex("okm")) ? null : "okm differs";
    }
}
