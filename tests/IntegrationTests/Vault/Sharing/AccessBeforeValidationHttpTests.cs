using System.Net;
using System.Text;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Sharing;

/// <summary>
/// A request about a vault is authorized before its body is judged: an outsider sending an invalid request gets
/// the same 404 as for a valid one, a member without the permission the same 403, never a 400 about the details.
/// </summary>
public sealed class AccessBeforeValidationHttpTests : TestBase
{
    private static readonly Guid Some = Guid.NewGuid();

    /// <summary>Invalid requests (each is a 400 for the vault's admin) and the permission each endpoint needs.</summary>
    private static IEnumerable<(string Name, HttpMethod Method, string Path, string? Body, string Needs)> InvalidRequests(SharedVault vault)
    {
        var v = vault.VaultId;
        var e = vault.Entries[0];
        yield return ("grant to myself", HttpMethod.Post, $"/api/v1/vaults/{v}/members", $$"""{"userId":"{{Guid.Empty}}","permission":"read","keyEpoch":0,"wrappedKey":"x","granterSignature":"x"}""", "admin");
        yield return ("change permission", HttpMethod.Put, $"/api/v1/vaults/{v}/members/{Some}", """{"permission":"read","granterSignature":"x"}""", "admin");
        yield return ("rekey", HttpMethod.Post, $"/api/v1/vaults/{v}/rekey", """{"fromKeyEpoch":0,"entries":[],"members":[]}""", "admin");
        yield return ("transfer", HttpMethod.Post, $"/api/v1/vaults/{v}/owner", $$"""{"userId":"{{Guid.Empty}}"}""", "read");
        yield return ("invite", HttpMethod.Post, $"/api/v1/vaults/{v}/invitations", """{"invitee":" ","permission":"read"}""", "admin");
        yield return ("confirm invitation", HttpMethod.Post, $"/api/v1/vaults/{v}/invitations/{Some}/confirm", """{"keyEpoch":0,"wrappedKey":"x","granterSignature":"x"}""", "admin");
        yield return ("open rekey session", HttpMethod.Post, $"/api/v1/vaults/{v}/rekey-sessions", """{"fromKeyEpoch":0}""", "admin");
        yield return ("upload rekey entries", HttpMethod.Put, $"/api/v1/vaults/{v}/rekey-sessions/{Some}/entries", """{"entries":[]}""", "admin");
        yield return ("commit rekey session", HttpMethod.Post, $"/api/v1/vaults/{v}/rekey-sessions/{Some}/commit", """{"members":[{"userId":"x"}]}""".Replace("\"x\"", $"\"{Guid.Empty}\"", StringComparison.Ordinal), "admin");
        yield return ("put entry", HttpMethod.Put, $"/api/v1/vaults/{v}/entries/{Guid.NewGuid()}", """{"keyEpoch":0,"ciphertext":"x"}""", "write");
        yield return ("delete entry", HttpMethod.Delete, $"/api/v1/vaults/{v}/entries/{e}?version=0", null, "write");
        yield return ("batch", HttpMethod.Post, $"/api/v1/vaults/{v}/entries/batch", """{"writes":[]}""", "write");
        yield return ("upload attachment", HttpMethod.Put, $"/api/v1/vaults/{v}/entries/{e}/attachments/{Guid.NewGuid()}?keyEpoch=0", "bytes", "write");
        yield return ("fetch", HttpMethod.Post, $"/api/v1/vaults/{v}/entries/fetch", """{"entryIds":[]}""", "read");
        yield return ("list entries", HttpMethod.Get, $"/api/v1/vaults/{v}/entries?limit=0", null, "read");
        yield return ("list vault attachments", HttpMethod.Get, $"/api/v1/vaults/{v}/attachments?limit=0", null, "read");
    }

    [Test]
    public async Task ShouldAnswerAnOutsidersInvalidRequestAboutAVaultWithNotFound()
    {
        using var vault = await SharedVault.CreateAsync();
        var outsiders = (await vault.OutsidersAsync()).Where(o => o.Status == HttpStatusCode.NotFound).ToList();
        Assert.That(outsiders, Is.Not.Empty);

        foreach (var request in InvalidRequests(vault))
        {
            using (var own = await SendAsync(vault.Admin, request))
                Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{request.Name} must be invalid for the admin too: {await own.Content.ReadAsStringAsync()}");
            foreach (var (who, client, _, _) in outsiders)
            {
                using var response = await SendAsync(client, request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{request.Name} as {who}: {text}");
                Assert.That(text, Does.Contain("vault.not_found"), $"{request.Name} as {who}");
            }
        }
    }

    [Test]
    public async Task ShouldAnswerAMembersInvalidRequestAboveTheirPermissionWithForbidden()
    {
        using var vault = await SharedVault.CreateAsync();

        foreach (var request in InvalidRequests(vault).Where(r => r.Needs != "read"))
        {
            using var response = await SendAsync(vault.ReaderClient, request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{request.Name} as a reader: {text}");
            Assert.That(text, Does.Contain(request.Needs == "admin" ? "vault.admin_forbidden" : "vault.write_forbidden"), request.Name);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, (string Name, HttpMethod Method, string Path, string? Body, string Needs) request)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (request.Body is not null)
            message.Content = request.Path.Contains("/attachments/", StringComparison.Ordinal)
                ? new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body)) { Headers = { { "Content-Type", "application/octet-stream" } } }
                : new StringContent(request.Body, Encoding.UTF8, "application/json");
        return await client.SendAsync(message);
    }
}
