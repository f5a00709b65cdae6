using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Auth.ApiKeys;

/// <summary>
/// An API key never creates, changes or deletes vault data, whatever its scopes, and even when a session token
/// rides along. Every request below is one the owner's session would be allowed to make.
/// </summary>
public sealed class ApiKeyCannotWriteHttpTests : TestBase
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task AnApiKeyWithEveryScopeShouldNotWriteTheVault(bool withSession)
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var carol = await TestAccounts.RegisterAsync("carol");
        using var session = TestApp.CreateClient(owner.AccessToken);
        var vaultId = await TestVaults.CreateAsync(session);
        var entryId = Guid.NewGuid();
        await TestVaults.PutEntryAsync(session, vaultId, entryId, TestVaults.Ciphertext());
        var attachmentId = Guid.NewGuid();
        using (var upload = await session.PutAsync(AttachmentPath(vaultId, entryId, attachmentId) + "?keyEpoch=1", Bytes(64)))
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
        await TestVaults.GrantDirectlyAsync(vaultId, bob.Account.UserId, Permission.Read);
        var archive = await session.GetStringAsync("/api/v1/export");
        var key = await TestApiKeys.CreateAsync(owner, TestApiKeys.AllScopes);
        using var machine = TestApiKeys.Client(key);
        if (withSession) machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", owner.AccessToken);
        var before = await VaultStateAsync(vaultId);

        var attempts = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("create a vault", () => machine.PostAsJsonAsync("/api/v1/vaults", TestVaults.NewVaultBody())),
            ("create an entry", () => machine.PutAsJsonAsync(EntryPath(vaultId, Guid.NewGuid()), new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() })),
            ("replace an entry", () => machine.PutAsJsonAsync(EntryPath(vaultId, entryId), new { replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() })),
            ("delete an entry", () => machine.DeleteAsync(EntryPath(vaultId, entryId) + "?version=1")),
            ("batch-write", () => machine.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/batch", new
            {
                writes = new object[]
                {
                    new { entryId = Guid.NewGuid(), keyEpoch = 1, ciphertext = TestVaults.Ciphertext() },
                    new { entryId, replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() },
                },
            })),
            ("upload an attachment", () => machine.PutAsync(AttachmentPath(vaultId, entryId, Guid.NewGuid()) + "?keyEpoch=1", Bytes(64))),
            ("delete an attachment", () => machine.DeleteAsync(AttachmentPath(vaultId, entryId, attachmentId))),
            ("import", () => machine.PostAsync("/api/v1/import", new StringContent(archive, Encoding.UTF8, "application/x-ndjson"))),
            ("grant", () => machine.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", new
            {
                userId = carol.UserId, permission = "read", keyEpoch = 1, wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature(),
            })),
            ("change a permission", () => machine.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/members/{bob.Account.UserId}",
                new { permission = "admin", granterSignature = TestVaults.Signature() })),
            ("revoke by re-keying", () => machine.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey", new
            {
                fromKeyEpoch = 1,
                revoke = new[] { bob.Account.UserId },
                entries = new[] { new { entryId, replacesVersion = 1, ciphertext = TestVaults.Ciphertext() } },
                members = new[] { new { userId = owner.Account.UserId, wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature() } },
            })),
            ("leave the vault", () => machine.DeleteAsync($"/api/v1/vaults/{vaultId}/members/me")),
        };

        foreach (var (what, send) in attempts)
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{what}: {text}");
            Assert.That(text, Does.Contain("\"auth.api_key_not_allowed\""), what);
        }

        Assert.That(await VaultStateAsync(vaultId), Is.EqualTo(before));
        Assert.That(await TestDatabase.CountAsync("vault.vaults"), Is.EqualTo(1));
    }

    private static string EntryPath(Guid vaultId, Guid entryId) => $"/api/v1/vaults/{vaultId}/entries/{entryId}";

    private static string AttachmentPath(Guid vaultId, Guid entryId, Guid attachmentId) =>
        $"/api/v1/vaults/{vaultId}/entries/{entryId}/attachments/{attachmentId}";

    private static ByteArrayContent Bytes(int length) =>
        new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(length)) { Headers = { ContentType = new("application/octet-stream") } };

    /// <summary>The vault's revision and key epoch, every entry, attachment and access record.</summary>
    private static async Task<string> VaultStateAsync(Guid vaultId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        var state = new StringBuilder();
        foreach (var sql in new[]
        {
            "SELECT revision, key_epoch FROM vault.vaults WHERE id = @v",
            "SELECT id, version, deleted, revision FROM vault.entries WHERE vault_id = @v ORDER BY id",
            "SELECT count(*) FROM vault.entry_versions",
            "SELECT id, revision FROM vault.attachments ORDER BY id",
            "SELECT user_id, permission, revoked_at, revision FROM vault.access_records WHERE vault_id = @v ORDER BY user_id",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("v", vaultId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) state.Append(reader.GetValue(i)).Append('|');
                state.AppendLine();
            }
        }

        return state.ToString();
    }
}
