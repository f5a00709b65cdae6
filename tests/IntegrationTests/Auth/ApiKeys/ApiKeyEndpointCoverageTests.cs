using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Api.Common.Security;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Auth.ApiKeys;

/// <summary>
/// Deny by default, checked against every endpoint the application maps (read from the real
/// <see cref="EndpointDataSource"/>, so a new endpoint is covered without anyone editing this file).
/// </summary>
public sealed partial class ApiKeyEndpointCoverageTests : TestBase
{
    /// <summary>
    /// The reviewed list of endpoints that accept an API key. An endpoint that opts in with <c>AllowApiKey</c> fails
    /// the test until it is added here on purpose; nothing that creates, changes or deletes vault data may be.
    /// </summary>
    private static readonly (string Method, string Route, string Scope)[] AllowList =
    [
        ("GET", "/api/v1/export", "export"),
        ("GET", "/api/v1/sync/", "export"),
        ("GET", "/api/v1/vaults/", "export"),
        ("GET", "/api/v1/vaults/{vaultId:guid}", "export"),
        ("GET", "/api/v1/vaults/{vaultId:guid}/entries", "export"),
        ("GET", "/api/v1/vaults/{vaultId:guid}/entries/{entryId:guid}", "export"),
        ("POST", "/api/v1/vaults/{vaultId:guid}/entries/fetch", "export"),
        ("GET", "/api/v1/vaults/{vaultId:guid}/attachments", "export"),
        ("GET", "/api/v1/vaults/{vaultId:guid}/history", "export"),
        ("GET", "/api/v1/vaults/{vaultId:guid}/entries/{entryId:guid}/attachments", "export"),
        ("GET", "/api/v1/vaults/{vaultId:guid}/entries/{entryId:guid}/attachments/{attachmentId:guid}", "export"),
        ("POST", "/v1/rotate", "key-rotation"),
        ("GET", "/v1/encryptions/{encryptionId}/reencryption", "key-rotation"),
        ("POST", "/api/v1/tenant/invitations", "user-management"),
        ("GET", "/api/v1/admin/users", "user-management"),
        ("GET", "/api/v1/admin/users/{userId:guid}", "user-management"),
        ("PUT", "/api/v1/admin/users/{userId:guid}/role", "user-management"),
        ("POST", "/api/v1/admin/users/{userId:guid}/disable", "user-management"),
        ("POST", "/api/v1/admin/users/{userId:guid}/enable", "user-management"),
        ("GET", "/api/v1/admin/users/{userId:guid}/sessions", "user-management"),
        ("DELETE", "/api/v1/admin/users/{userId:guid}/sessions", "user-management"),
        ("DELETE", "/api/v1/admin/users/{userId:guid}/mfa", "user-management"),
        ("DELETE", "/api/v1/admin/users/{userId:guid}", "user-management"),
        ("GET", "/api/v1/admin/invitations", "user-management"),
        ("POST", "/api/v1/admin/invitations/{invitationId:guid}/resend", "user-management"),
        ("DELETE", "/api/v1/admin/invitations/{invitationId:guid}", "user-management"),
    ];

    [Test]
    public void OnlyTheReviewedEndpointsShouldAcceptApiKeys()
    {
        var optedIn = Endpoints()
            .Where(e => e.Access is not null)
            .Select(e => (e.Method, e.Route, e.Access!.Scope))
            .Order()
            .ToList();

        Assert.That(optedIn, Is.EqualTo(AllowList.Order().ToList()),
            "An endpoint opted in to API keys (or stopped doing so). Review it and update AllowList on purpose.");
    }

    [Test]
    public async Task EveryOtherEndpointShouldRefuseAValidApiKeyAndChangeNothing()
    {
        var world = await ArrangeAsync();
        var refusable = Endpoints().Where(e => e.Access is null).ToList();
        Assert.That(refusable, Has.Count.GreaterThan(40), "the walk must see the whole application");
        Assert.That(refusable.Select(e => e.Method + " " + e.Route), Does.Contain("PUT /api/v1/vaults/{vaultId:guid}/entries/{entryId:guid}")
            .And.Contain("POST /api/v1/import").And.Contain("POST /api/v1/auth/api-keys").And.Contain("POST /v1/encrypt"));
        var before = await DataAsync();
        var failures = new List<string>();

        foreach (var endpoint in refusable)
        {
            foreach (var withSession in new[] { false, true })
            {
                using var client = TestApiKeys.Client(world.Key);
                if (withSession) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", world.Owner.AccessToken);
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), Url(endpoint.Route, world));
                if (endpoint.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Forbidden || !body.Contains("\"auth.api_key_not_allowed\"", StringComparison.Ordinal))
                    failures.Add($"{endpoint.Method} {endpoint.Route} (session too: {withSession}) answered {(int)response.StatusCode} {body}");
            }
        }

        Assert.That(failures, Is.Empty);
        Assert.That(await DataAsync(), Is.EqualTo(before), "a refused API-key request changed the database");
    }

    [Test]
    public async Task EveryOptedInEndpointShouldRefuseAKeyWithoutItsScope()
    {
        var world = await ArrangeAsync();
        var failures = new List<string>();
        // One key per scope left out: an account holds at most 25 active keys, fewer than the opted-in endpoints.
        var keysWithout = new Dictionary<string, CreatedApiKey>();

        foreach (var endpoint in Endpoints().Where(e => e.Access is not null))
        {
            var scope = endpoint.Access!.Scope;
            if (!keysWithout.TryGetValue(scope, out var key))
                keysWithout[scope] = key = await TestApiKeys.CreateAsync(world.Owner, [.. TestApiKeys.AllScopes.Where(s => s != scope)]);
            using var client = TestApiKeys.Client(key);
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), Url(endpoint.Route, world));
            if (endpoint.Method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Forbidden || !body.Contains("\"auth.api_key_scope_missing\"", StringComparison.Ordinal))
                failures.Add($"{endpoint.Method} {endpoint.Route} answered {(int)response.StatusCode} {body}");
        }

        Assert.That(failures, Is.Empty);
    }

    private sealed record MappedEndpoint(string Method, string Route, ApiKeyAccessMetadata? Access);

    private sealed record World(LoggedIn Owner, CreatedApiKey Key, Guid VaultId, Guid EntryId, Guid AttachmentId, Guid OtherUserId);

    private static List<MappedEndpoint> Endpoints() =>
        TestApp.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new MappedEndpoint(method, e.RoutePattern.RawText ?? "", e.Metadata.GetMetadata<ApiKeyAccessMetadata>())))
            .DistinctBy(e => (e.Method, e.Route))
            .ToList();

    /// <summary>Real ids of the key owner's objects, so that anything the gate let through would really act.</summary>
    private static string Url(string route, World world) => RouteParameter().Replace(route, match => match.Groups["name"].Value switch
    {
        "vaultId" => world.VaultId.ToString(),
        "entryId" => world.EntryId.ToString(),
        "attachmentId" => world.AttachmentId.ToString(),
        "invitationId" => Guid.NewGuid().ToString(),
        "tenantId" => Guid.NewGuid().ToString(),
        "identityId" => Guid.NewGuid().ToString(),
        "id" => Guid.NewGuid().ToString(),
        "userId" => world.OtherUserId.ToString(),
        "sessionId" => world.Owner.SessionId.ToString(),
        "apiKeyId" => world.Key.Id,
        "encryptionId" => "tokens",
        "version" => "1",
        _ => "x",
    });

    private static async Task<World> ArrangeAsync()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        var other = await TestAccounts.RegisterAsync("other");
        using var session = TestApp.CreateClient(owner.AccessToken);
        var vaultId = await TestVaults.CreateAsync(session);
        var entryId = Guid.NewGuid();
        await TestVaults.PutEntryAsync(session, vaultId, entryId, TestVaults.Ciphertext());
        var attachmentId = Guid.NewGuid();
        using (var upload = await session.PutAsync(
            $"/api/v1/vaults/{vaultId}/entries/{entryId}/attachments/{attachmentId}?keyEpoch=1",
            new ByteArrayContent(TestVaults.Ciphertext(100).Select(c => (byte)c).ToArray()) { Headers = { ContentType = new("application/octet-stream") } }))
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
        using (var encrypt = await session.PostAsync("/v1/encrypt", new StringContent("{\"encryptionId\":\"tokens\",\"data\":\"eA==\"}", Encoding.UTF8, "application/json")))
            Assert.That(encrypt.StatusCode, Is.EqualTo(HttpStatusCode.OK), await encrypt.Content.ReadAsStringAsync());
        var key = await TestApiKeys.CreateAsync(owner, TestApiKeys.AllScopes);
        return new World(owner, key, vaultId, entryId, attachmentId, other.UserId);
    }

    /// <summary>Every row of the database (pg_dump's per-run \restrict token left out).</summary>
    private static async Task<string> DataAsync() =>
        string.Join('\n', (await TestDatabase.DumpAsync()).Split('\n').Where(l => !l.StartsWith("\\restrict", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict", StringComparison.Ordinal)));

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
