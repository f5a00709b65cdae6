using System.Net;
using System.Text;
using PasswordManager.Client.Sdk.Tests.Support;

namespace PasswordManager.Client.Sdk.Tests.Auth;

public sealed class ApiKeyClientTests
{
    private const string exportRoute = "GET /api/v1/export";

    [Test]
    public async Task ExportSendsTheKeyAndSecretHeadersAndNoBearerTokenUnderTheBasePath()
    {
        using var server = new StubServer();
        string? key = null, secret = null;
        server.On("GET /base/api/v1/export", request =>
        {
            key = request.Headers.GetValues(PmApiKeyClient.KeyHeader).Single();
            secret = request.Headers.GetValues(PmApiKeyClient.SecretHeader).Single();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"type\":\"header\"}\n", Encoding.UTF8, "application/x-ndjson") });
        });
        using var client = new PmApiKeyClient(new PmClientOptions { BaseAddress = new Uri("http://pm.test/base") }, "pmk_abc", "pms_secret", server);

        using var response = await client.ExportAsync();

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("header"));
        Assert.That((key, secret), Is.EqualTo(("pmk_abc", "pms_secret")));
        Assert.That(server.Requests.Single().Bearer, Is.Null);
    }

    [Test]
    public void ARefusedKeySurfacesTheServersCode()
    {
        using var server = new StubServer();
        server.On(exportRoute, _ => Task.FromResult(StubServer.Problem(HttpStatusCode.Forbidden, "auth.api_key_scope_missing", "This API key does not have the 'export' scope.")));
        using var client = new PmApiKeyClient(new PmClientOptions { BaseAddress = new Uri("http://pm.test") }, "pmk_abc", "pms_secret", server);

        var problem = Assert.ThrowsAsync<PmApiException>(() => client.ExportAsync());

        Assert.That(problem!.Code, Is.EqualTo("auth.api_key_scope_missing"));
        Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
