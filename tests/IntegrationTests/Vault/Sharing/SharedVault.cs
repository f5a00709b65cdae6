using System.Net;
using System.Text.Json;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Sharing;

/// <summary>
/// A shared vault owned by alice (admin) with a few entries, and a caller of every kind the authorization
/// matrix needs: a reader, a writer, a second admin, a stranger, a revoked and an expired member, anonymous.
/// </summary>
internal sealed class SharedVault : IDisposable
{
    private SharedVault() { }

    public Guid VaultId { get; private set; }
    public List<Guid> Entries { get; } = [];
    public LoggedIn Alice { get; private set; } = null!;
    public LoggedIn Reader { get; private set; } = null!;
    public LoggedIn Writer { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient ReaderClient { get; private set; } = null!;
    public HttpClient WriterClient { get; private set; } = null!;

    public static async Task<SharedVault> CreateAsync(int entries = 3)
    {
        var vault = new SharedVault { Alice = await TestAccounts.RegisterAndLoginAsync("alice") };
        vault.Admin = TestApp.CreateClient(vault.Alice.AccessToken);
        vault.VaultId = await TestVaults.CreateAsync(vault.Admin);
        for (var i = 0; i < entries; i++)
        {
            var id = Guid.NewGuid();
            vault.Entries.Add(id);
            await TestVaults.PutEntryAsync(vault.Admin, vault.VaultId, id, TestVaults.Ciphertext(i == 2 ? 20_000 : 200));
        }

        vault.Reader = await TestAccounts.RegisterAndLoginAsync("reader");
        vault.Writer = await TestAccounts.RegisterAndLoginAsync("writer");
        await TestVaults.GrantDirectlyAsync(vault.VaultId, vault.Reader.Account.UserId, Permission.Read);
        await TestVaults.GrantDirectlyAsync(vault.VaultId, vault.Writer.Account.UserId, Permission.Write);
        vault.ReaderClient = TestApp.CreateClient(vault.Reader.AccessToken);
        vault.WriterClient = TestApp.CreateClient(vault.Writer.AccessToken);
        return vault;
    }

    /// <summary>Callers that must not see the vault at all: each answers 404 (401 for anonymous).</summary>
    public async Task<IReadOnlyList<(string Who, HttpClient Client, HttpStatusCode Status, string Code)>> OutsidersAsync()
    {
        var stranger = await TestAccounts.RegisterAndLoginAsync("stranger-" + Guid.NewGuid().ToString("N")[..6]);
        var revoked = await TestAccounts.RegisterAndLoginAsync("revoked-" + Guid.NewGuid().ToString("N")[..6]);
        var expired = await TestAccounts.RegisterAndLoginAsync("expired-" + Guid.NewGuid().ToString("N")[..6]);
        await TestVaults.GrantDirectlyAsync(VaultId, revoked.Account.UserId, Permission.Admin);
        await TestVaults.RevokeDirectlyAsync(VaultId, revoked.Account.UserId);
        await TestVaults.GrantDirectlyAsync(VaultId, expired.Account.UserId, Permission.Admin, DateTimeOffset.UtcNow.AddSeconds(-1));
        return
        [
            ("anonymous", TestApp.CreateClient(), HttpStatusCode.Unauthorized, "auth.unauthenticated"),
            ("stranger", TestApp.CreateClient(stranger.AccessToken), HttpStatusCode.NotFound, "vault.not_found"),
            ("revoked admin", TestApp.CreateClient(revoked.AccessToken), HttpStatusCode.NotFound, "vault.not_found"),
            ("expired admin", TestApp.CreateClient(expired.AccessToken), HttpStatusCode.NotFound, "vault.not_found"),
        ];
    }

    /// <summary>Members below admin: each answers 403 admin_forbidden on an admin-only endpoint.</summary>
    public IReadOnlyList<(string Who, HttpClient Client)> NonAdmins() => [("reader", ReaderClient), ("writer", WriterClient)];

    public static async Task<JsonElement> SyncAsync(HttpClient client, string? cursor = null)
    {
        using var response = await client.GetAsync(cursor is null ? "/api/v1/sync" : $"/api/v1/sync?cursor={Uri.EscapeDataString(cursor)}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>A complete one-shot re-key body: every live entry at its version, every remaining active member.</summary>
    public async Task<object> RekeyBodyAsync(long fromKeyEpoch, params Guid[] revoke)
    {
        var listed = await (await Admin.GetAsync($"/api/v1/vaults/{VaultId}/entries")).ReadJsonAsync();
        var entries = listed.GetProperty("items").EnumerateArray()
            .Select(e => new { entryId = e.GetProperty("entryId").GetGuid(), replacesVersion = e.GetProperty("version").GetInt64(), ciphertext = TestVaults.Ciphertext() })
            .ToList();
        return new { fromKeyEpoch, revoke, entries, members = await RemainingMembersAsync(revoke) };
    }

    public async Task<List<object>> RemainingMembersAsync(params Guid[] revoke)
    {
        var members = await (await Admin.GetAsync($"/api/v1/vaults/{VaultId}/members")).ReadJsonAsync();
        return members.GetProperty("items").EnumerateArray()
            .Where(m => !(m.TryGetProperty("expired", out var expired) && expired.GetBoolean()))
            .Select(m => m.GetProperty("userId").GetGuid()).Where(id => !revoke.Contains(id))
            .Select(id => (object)new { userId = id, wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature() })
            .ToList();
    }

    public void Dispose()
    {
        Admin.Dispose();
        ReaderClient.Dispose();
        WriterClient.Dispose();
    }
}
