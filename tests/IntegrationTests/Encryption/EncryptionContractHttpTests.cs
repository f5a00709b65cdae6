using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Encryption.EncryptionApp;

namespace PasswordManager.IntegrationTests.Encryption;

public sealed class EncryptionContractHttpTests : TestBase
{
    [SetUp]
    public void ForgetCachedKeys() => ClearKeyCaches();

    [Test]
    public async Task ShouldAnswerEncryptExactlyAsTheContractSaysAndDecryptBack()
    {
        using var admin = AsAdmin(TenantA);

        var cipher = await admin.EncryptAsync("totp-seeds", "JBSWY3DPEHPK3PXP");

        var fields = cipher.EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.That(fields, Is.EqualTo(new[] { "algorithm", "cipherText", "encryptionId", "encryptionVersionId", "metadata" }));
        Assert.That(cipher.GetProperty("algorithm").GetString(), Is.EqualTo("AES-256-GCM"));
        Assert.That(cipher.GetProperty("encryptionId").GetString(), Is.EqualTo("totp-seeds"));
        Assert.That(Convert.FromBase64String(cipher.GetProperty("metadata").GetProperty("nonce").GetString()!), Has.Length.EqualTo(12));
        Assert.That(await admin.DecryptTextAsync(cipher), Is.EqualTo("JBSWY3DPEHPK3PXP"));
        Assert.That(await TestDatabase.CountAsync("encryption.encryptions"), Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync("encryption.encryption_key_versions"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldSendEncryptAnswersWithTheirLengthAndTheBase64WithoutEscapes()
    {
        using var admin = AsAdmin(TenantA);
        var data = new byte[1024];
        RandomNumberGenerator.Fill(data);

        using var single = await admin.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "ctx", data = Convert.ToBase64String(data) });
        using var batch = await admin.PostAsJsonAsync("/v1/encrypt/batch", new { encryptionId = "ctx", items = new[] { new { data = Convert.ToBase64String(data) } } });

        foreach (var response in new[] { single, batch })
        {
            // As the server sent it: ContentLength would compute a length from the buffered body.
            var sentLength = response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var values) ? values.ToString() : null;
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(sentLength, Is.EqualTo(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(System.Text.Encoding.UTF8.GetString(body), Does.Not.Contain("\\u"));
        }

        using var decrypted = await admin.DecryptAsync(JsonSerializer.Deserialize<JsonElement>(await single.Content.ReadAsStringAsync()));
        Assert.That(Convert.FromBase64String((await decrypted.ReadJsonAsync()).GetProperty("data").GetString()!), Is.EqualTo(data));
    }

    [TestCase("/v1/encrypt")]
    [TestCase("/v1/encrypt/batch")]
    public async Task ShouldRefuseABodyThatIsNotJson(string path)
    {
        using var admin = AsAdmin(TenantA);

        using var response = await admin.PostAsync(path, new StringContent("""{"encryptionId":"ctx","data":"AA=="}""", System.Text.Encoding.UTF8, "text/plain"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(await TestDatabase.CountAsync("encryption.encryptions"), Is.Zero);
    }

    [Test]
    public async Task ShouldRoundTripAcrossRotationsWithOldVersionsStillDecrypting()
    {
        using var admin = AsAdmin(TenantA);
        var v1 = await admin.EncryptAsync("ctx", "one");

        var v2Id = await admin.RotateAsync("ctx");
        var v2 = await admin.EncryptAsync("ctx", "two");
        var v3Id = await admin.RotateAsync("ctx");
        var v3 = await admin.EncryptAsync("ctx", "three");

        Assert.That(v2.GetProperty("encryptionVersionId").GetGuid(), Is.EqualTo(v2Id));
        Assert.That(v3.GetProperty("encryptionVersionId").GetGuid(), Is.EqualTo(v3Id));
        Assert.That(v1.GetProperty("encryptionVersionId").GetGuid(), Is.Not.EqualTo(v2Id));
        Assert.That(await admin.DecryptTextAsync(v1), Is.EqualTo("one"));
        Assert.That(await admin.DecryptTextAsync(v2), Is.EqualTo("two"));
        Assert.That(await admin.DecryptTextAsync(v3), Is.EqualTo("three"));
    }

    [Test]
    public async Task ShouldEncryptWithANamedOlderVersionWhenAsked()
    {
        using var admin = AsAdmin(TenantA);
        var v1 = await admin.EncryptAsync("ctx", "one");
        var v1Id = v1.GetProperty("encryptionVersionId").GetGuid();
        await admin.RotateAsync("ctx");

        using var response = await admin.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "ctx", data = EncryptionCalls.B64("x"), encryptionVersionId = v1Id });

        Assert.That((await response.ReadJsonAsync()).GetProperty("encryptionVersionId").GetGuid(), Is.EqualTo(v1Id));
    }

    [Test]
    public async Task ShouldRejectTamperedCipherTextNonceOrVersionWithoutData()
    {
        using var admin = AsAdmin(TenantA);
        var cipher = await admin.EncryptAsync("ctx", "secret");
        var otherVersion = await admin.RotateAsync("ctx");
        var bytes = Convert.FromBase64String(cipher.GetProperty("cipherText").GetString()!);
        bytes[0] ^= 1;
        var nonce = RandomNumberGenerator.GetBytes(12);
        var baseBody = new Dictionary<string, object?>
        {
            ["encryptionId"] = "ctx",
            ["cipherText"] = cipher.GetProperty("cipherText").GetString(),
            ["encryptionVersionId"] = cipher.GetProperty("encryptionVersionId").GetGuid(),
            ["metadata"] = new { nonce = cipher.GetProperty("metadata").GetProperty("nonce").GetString() },
        };

        using var flipped = await admin.PostAsJsonAsync("/v1/decrypt", new Dictionary<string, object?>(baseBody) { ["cipherText"] = Convert.ToBase64String(bytes) });
        using var badNonce = await admin.PostAsJsonAsync("/v1/decrypt", new Dictionary<string, object?>(baseBody) { ["metadata"] = new { nonce = Convert.ToBase64String(nonce) } });
        using var badVersion = await admin.PostAsJsonAsync("/v1/decrypt", new Dictionary<string, object?>(baseBody) { ["encryptionVersionId"] = otherVersion });

        var problem = await flipped.AssertProblemAsync(HttpStatusCode.BadRequest, "encryption.decryption_failed");
        await badNonce.AssertProblemAsync(HttpStatusCode.BadRequest, "encryption.decryption_failed");
        await badVersion.AssertProblemAsync(HttpStatusCode.BadRequest, "encryption.decryption_failed");
        Assert.That(problem.TryGetProperty("data", out _), Is.False);
    }

    [Test]
    public async Task ShouldNotOpenACipherTextMovedToAnotherContext()
    {
        using var admin = AsAdmin(TenantA);
        var cipher = await admin.EncryptAsync("ctx-a", "secret");
        await admin.EncryptAsync("ctx-b", "other");

        using var response = await admin.DecryptAsync(cipher, encryptionId: "ctx-b");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "encryption.version_not_found");
    }

    [Test]
    public async Task ShouldIsolateTenantsSoAnotherTenantsContextIsNotFound()
    {
        using var adminA = AsAdmin(TenantA);
        using var adminB = AsAdmin(TenantB);
        var cipherA = await adminA.EncryptAsync("shared-name", "tenant a secret");

        using var decryptByB = await adminB.DecryptAsync(cipherA);
        using var rotateByB = await adminB.PostAsJsonAsync("/v1/rotate", new { encryptionId = "shared-name" });
        var cipherB = await adminB.EncryptAsync("shared-name", "tenant b secret");
        using var crossed = await adminA.DecryptAsync(cipherB);

        await decryptByB.AssertProblemAsync(HttpStatusCode.NotFound, "encryption.context_not_found");
        await rotateByB.AssertProblemAsync(HttpStatusCode.NotFound, "encryption.context_not_found");
        await crossed.AssertProblemAsync(HttpStatusCode.NotFound, "encryption.version_not_found");
        Assert.That(await adminA.DecryptTextAsync(cipherA), Is.EqualTo("tenant a secret"));
        Assert.That(await adminB.DecryptTextAsync(cipherB), Is.EqualTo("tenant b secret"));
    }

    [Test]
    public async Task ShouldRetireVersionsBelowTheMinimumDecryptionVersion()
    {
        using var admin = AsAdmin(TenantA);
        var old = await admin.EncryptAsync("ctx", "old");
        await admin.RotateAsync("ctx");

        using var raise = await admin.PutAsJsonAsync("/v1/encryptions/ctx/min-decryption-version", new { version = 2 });
        using var retired = await admin.DecryptAsync(old);
        using var tooHigh = await admin.PutAsJsonAsync("/v1/encryptions/ctx/min-decryption-version", new { version = 3 });
        using var lower = await admin.PutAsJsonAsync("/v1/encryptions/ctx/min-decryption-version", new { version = 1 });

        Assert.That(raise.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await retired.AssertProblemAsync(HttpStatusCode.Conflict, "encryption.version_retired");
        await tooHigh.AssertProblemAsync(HttpStatusCode.BadRequest, "encryption.invalid_min_decryption_version");
        Assert.That(lower.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await admin.DecryptTextAsync(old), Is.EqualTo("old"));
    }

    [Test]
    public async Task ShouldGuardDisablingAndDestroyingVersions()
    {
        using var admin = AsAdmin(TenantA);
        var old = await admin.EncryptAsync("ctx", "old");
        await admin.RotateAsync("ctx");

        using var disableLatest = await admin.PostAsync("/v1/encryptions/ctx/versions/2/disable", null);
        using var destroyEnabled = await admin.DeleteAsync("/v1/encryptions/ctx/versions/1");
        using var disable = await admin.PostAsync("/v1/encryptions/ctx/versions/1/disable", null);
        using var disabledDecrypt = await admin.DecryptAsync(old);
        using var destroyAboveMinimum = await admin.DeleteAsync("/v1/encryptions/ctx/versions/1");
        using var raise = await admin.PutAsJsonAsync("/v1/encryptions/ctx/min-decryption-version", new { version = 2 });
        using var destroy = await admin.DeleteAsync("/v1/encryptions/ctx/versions/1");
        using var enableDestroyed = await admin.PostAsync("/v1/encryptions/ctx/versions/1/enable", null);
        using var lower = await admin.PutAsJsonAsync("/v1/encryptions/ctx/min-decryption-version", new { version = 1 });
        using var destroyedDecrypt = await admin.DecryptAsync(old);

        await disableLatest.AssertProblemAsync(HttpStatusCode.Conflict, "encryption.version_is_latest");
        await destroyEnabled.AssertProblemAsync(HttpStatusCode.Conflict, "encryption.version_not_destroyable");
        Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await disabledDecrypt.AssertProblemAsync(HttpStatusCode.Conflict, "encryption.version_disabled");
        await destroyAboveMinimum.AssertProblemAsync(HttpStatusCode.Conflict, "encryption.version_not_destroyable");
        Assert.That(destroy.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await enableDestroyed.AssertProblemAsync(HttpStatusCode.Conflict, "encryption.version_destroyed");
        await destroyedDecrypt.AssertProblemAsync(HttpStatusCode.Conflict, "encryption.version_destroyed");
        Assert.That(await TestDatabase.CountAsync("encryption.encryption_key_versions WHERE wrapped_key IS NULL AND version = 1"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldEncryptDecryptAndRewrapInBatches()
    {
        using var admin = AsAdmin(TenantA);
        var items = Enumerable.Range(0, 5).Select(i => new { data = EncryptionCalls.B64($"item {i}") }).ToArray();

        using var encrypted = await admin.PostAsJsonAsync("/v1/encrypt/batch", new { encryptionId = "ctx", items });
        var ciphers = (await encrypted.ReadJsonAsync()).GetProperty("items");
        var newVersion = await admin.RotateAsync("ctx");
        using var rewrapped = await admin.PostAsJsonAsync("/v1/rewrap/batch", new { encryptionId = "ctx", items = ciphers });
        var rewrappedItems = (await rewrapped.ReadJsonAsync()).GetProperty("items");
        using var decrypted = await admin.PostAsJsonAsync("/v1/decrypt/batch", new { encryptionId = "ctx", items = rewrappedItems });
        var plain = (await decrypted.ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(i.GetProperty("data").GetString()!))).ToList();

        Assert.That(ciphers.GetArrayLength(), Is.EqualTo(5));
        Assert.That(rewrappedItems.EnumerateArray().Select(i => i.GetProperty("encryptionVersionId").GetGuid()), Is.All.EqualTo(newVersion));
        Assert.That(plain, Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"item {i}")));
    }

    [Test]
    public async Task ShouldRewrapASingleCipherTextToTheNewestVersion()
    {
        using var admin = AsAdmin(TenantA);
        var cipher = await admin.EncryptAsync("ctx", "hello");
        var v2 = await admin.RotateAsync("ctx");

        using var response = await admin.PostAsJsonAsync("/v1/rewrap", new
        {
            encryptionId = "ctx",
            cipherText = cipher.GetProperty("cipherText").GetString(),
            encryptionVersionId = cipher.GetProperty("encryptionVersionId").GetGuid(),
            metadata = cipher.GetProperty("metadata"),
        });
        var rewrapped = await response.ReadJsonAsync();

        Assert.That(rewrapped.GetProperty("encryptionVersionId").GetGuid(), Is.EqualTo(v2));
        Assert.That(rewrapped.TryGetProperty("data", out _), Is.False);
        Assert.That(await admin.DecryptTextAsync(rewrapped), Is.EqualTo("hello"));
    }

    [Test]
    public async Task ShouldHandOutDataKeysPlainAndWrapped()
    {
        using var admin = AsAdmin(TenantA);
        await admin.EncryptAsync("ctx", "create");

        using var response = await admin.PostAsJsonAsync("/v1/datakey", new { encryptionId = "ctx" });
        var dataKey = await response.ReadJsonAsync();
        using var wrappedOnly = await admin.PostAsJsonAsync("/v1/datakey", new { encryptionId = "ctx", includePlaintext = false });
        using var decrypted = await admin.DecryptAsync(dataKey);

        var plain = Convert.FromBase64String(dataKey.GetProperty("plaintextKey").GetString()!);
        Assert.That(plain, Has.Length.EqualTo(32));
        Assert.That((await decrypted.ReadJsonAsync()).GetProperty("data").GetString(), Is.EqualTo(Convert.ToBase64String(plain)));
        Assert.That((await wrappedOnly.ReadJsonAsync()).TryGetProperty("plaintextKey", out _), Is.False);
    }

    [Test]
    public async Task ShouldRefuseBatchesOverTheLimitAndStoreNothing()
    {
        using var admin = AsAdmin(TenantA);
        var items = Enumerable.Range(0, 1001).Select(_ => new { data = "AA==" }).ToArray();

        using var response = await admin.PostAsJsonAsync("/v1/encrypt/batch", new { encryptionId = "ctx", items });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(await TestDatabase.CountAsync("encryption.encryptions"), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseAnUnknownContextForDecryptRotateAndDataKey()
    {
        using var admin = AsAdmin(TenantA);
        var cipher = JsonSerializer.SerializeToElement(new
        {
            encryptionId = "nope",
            cipherText = Convert.ToBase64String(new byte[20]),
            encryptionVersionId = Guid.NewGuid(),
            metadata = new { nonce = Convert.ToBase64String(new byte[12]) },
        });

        using var decrypt = await admin.DecryptAsync(cipher);
        using var rotate = await admin.PostAsJsonAsync("/v1/rotate", new { encryptionId = "nope" });
        using var dataKey = await admin.PostAsJsonAsync("/v1/datakey", new { encryptionId = "nope" });

        await decrypt.AssertProblemAsync(HttpStatusCode.NotFound, "encryption.context_not_found");
        await rotate.AssertProblemAsync(HttpStatusCode.NotFound, "encryption.context_not_found");
        await dataKey.AssertProblemAsync(HttpStatusCode.NotFound, "encryption.context_not_found");
    }
}
