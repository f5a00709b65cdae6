using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Primitives;

/// <summary>
/// "acceptable" vectors flagged ZeroSharedSecret (low-order public keys) must be rejected, because the
/// package refuses an all-zero shared secret; the other "acceptable" vectors (twist points, non-canonical
/// encodings, high bit set) must compute the expected RFC 7748 result. See crypto-format.md §14.
/// </summary>
public sealed class X25519WycheproofTests
{
    [Test]
    public void ShouldPassEveryWycheproofVector() => Wycheproof.Run("x25519_test.json", Check);

    [Test]
    public void ShouldFlagEveryLowOrderWycheproofPublicKey()
    {
        var lowOrder = Wycheproof.Load("x25519_test.json").Where(c => c.Flags.Contains("ZeroSharedSecret")).ToList();
        TestContext.Progress.WriteLine($"Wycheproof x25519_test.json: {lowOrder.Count} low-order public keys");

        Assert.That(lowOrder, Is.Not.Empty);
        Assert.That(lowOrder.Where(c => !X25519Exchange.IsLowOrder(c.Hex("public"))).Select(c => c.Id), Is.Empty);
    }

    private static string? Check(WycheproofCase testCase)
    {
        using var privateKey = X25519Exchange.ImportPrivateKey(testCase.Hex("private"));
        var shared = new byte[32];
        var agreed = X25519Exchange.TryAgree(privateKey, testCase.Hex("public"), shared);
        var mustReject = testCase.Result == "invalid" || testCase.Flags.Contains("ZeroSharedSecret");

        if (mustReject)
        {
            return agreed ? "low-order or invalid public key accepted" : null;
        }

        if (!agreed)
        {
            return "agreement refused";
        }

        return shared.AsSpan().SequenceEqual(testCase.Hex("shared")) ? null : "shared secret differs";
    }
}
