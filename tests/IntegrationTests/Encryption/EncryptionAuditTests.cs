using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Auth.Audit.AuditLogTests;
using static PasswordManager.IntegrationTests.Encryption.EncryptionApp;

namespace PasswordManager.IntegrationTests.Encryption;

public sealed class EncryptionAuditTests : TestBase
{
    [Test]
    public async Task EncryptionKeyLifecycleChangesShouldBeAudited()
    {
        ClearKeyCaches();
        using var admin = AsAdmin(TenantA);
        await admin.EncryptAsync("audited", "one");
        await admin.RotateAsync("audited");
        using (var disable = await admin.PostAsync("/v1/encryptions/audited/versions/1/disable", null))
            Assert.That(disable.IsSuccessStatusCode, Is.True, await disable.Content.ReadAsStringAsync());

        var rows = await RowsAsync(TenantA);
        Assert.That(rows.Select(r => r.Action), Is.EqualTo(new[] { "encryption_key_rotated", "encryption_version_state_changed" }));
        Assert.That(rows[1].Details, Does.Contain("\"disabled\"").And.Contain("audited"));
    }
}
