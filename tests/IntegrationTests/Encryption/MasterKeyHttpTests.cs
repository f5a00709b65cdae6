using System.Net;
using System.Security.Cryptography;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Encryption.EncryptionApp;

namespace PasswordManager.IntegrationTests.Encryption;

public sealed class MasterKeyHttpTests : TestBase
{
    [SetUp]
    public void ForgetCachedKeys() => ClearKeyCaches();

    private static readonly string ClientKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Test]
    public async Task ShouldWrapTheContextWithTheClientMasterKeyAndDecryptOnlyWithIt()
    {
        using var admin = AsAdmin(TenantA);
        var cipher = await admin.EncryptAsync("client-ctx", "sovereign", ClientKey);
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        using var wrong = await admin.DecryptAsync(cipher, wrongKey);
        using var missing = await admin.DecryptAsync(cipher);
        using var rotateWrong = await admin.PostWithMasterKeyAsync("/v1/rotate", new { encryptionId = "client-ctx" }, wrongKey);

        var problem = await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "encryption.master_key_mismatch");
        Assert.That(problem.TryGetProperty("data", out _), Is.False);
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "encryption.master_key_required");
        await rotateWrong.AssertProblemAsync(HttpStatusCode.Forbidden, "encryption.master_key_mismatch");
        Assert.That(await admin.DecryptTextAsync(cipher, ClientKey), Is.EqualTo("sovereign"));
        Assert.That(await TestDatabase.CountAsync("encryption.encryption_key_versions"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRotateAClientKeyedContextWithTheRightKey()
    {
        using var admin = AsAdmin(TenantA);
        var v1 = await admin.EncryptAsync("client-ctx", "one", ClientKey);

        var v2 = await admin.RotateAsync("client-ctx", ClientKey);
        var two = await admin.EncryptAsync("client-ctx", "two", ClientKey);

        Assert.That(two.GetProperty("encryptionVersionId").GetGuid(), Is.EqualTo(v2));
        Assert.That(await admin.DecryptTextAsync(v1, ClientKey), Is.EqualTo("one"));
        Assert.That(await admin.DecryptTextAsync(two, ClientKey), Is.EqualTo("two"));
    }

    [Test]
    public async Task ShouldRefuseAMasterKeyForAPlatformContext()
    {
        using var admin = AsAdmin(TenantA);
        var cipher = await admin.EncryptAsync("platform-ctx", "x");

        using var response = await admin.DecryptAsync(cipher, ClientKey);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "encryption.master_key_not_expected");
    }

    [TestCase("not base64!")]
    [TestCase("AAAA")]
    public async Task ShouldRejectAMalformedMasterKeyAndStoreNothing(string header)
    {
        using var admin = AsAdmin(TenantA);

        using var response = await admin.PostWithMasterKeyAsync("/v1/encrypt", new { encryptionId = "ctx", data = "AA==" }, header);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(await TestDatabase.CountAsync("encryption.encryptions"), Is.Zero);
    }

    [Test]
    public async Task ShouldNeverStoreLogOrReturnMasterKeysOrPlaintext()
    {
        using var admin = AsAdmin(TenantA);
        const string canary = "plaintext-canary-7f3a";
        var cipher = await admin.EncryptAsync("client-ctx", canary, ClientKey);
        var platform = await admin.EncryptAsync("platform-ctx", canary);
        using var wrong = await admin.DecryptAsync(cipher, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        using var details = await admin.GetAsync("/v1/encryptions/client-ctx");
        var detailsText = await details.Content.ReadAsStringAsync();

        var dump = await TestDatabase.DumpAsync();
        var logs = Factory.Logs.All;
        foreach (var secret in new[] { ClientKey, PlatformMasterKeyBase64, canary, EncryptionCalls.B64(canary) })
        {
            Assert.That(dump, Does.Not.Contain(secret));
            Assert.That(logs, Does.Not.Contain(secret));
            Assert.That(detailsText, Does.Not.Contain(secret));
        }

        Assert.That(detailsText, Does.Not.Contain("wrappedKey"));
        Assert.That(await TestDatabase.CountAsync("encryption.encryption_key_versions WHERE length(wrapped_key) = 60"), Is.EqualTo(2));
        Assert.That(platform.GetProperty("cipherText").GetString(), Does.Not.Contain(EncryptionCalls.B64(canary)));
    }
}
