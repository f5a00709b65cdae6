using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Common.Telemetry;

/// <summary>
/// The Prometheus scrape after logins, writes and syncs: the product's meters are there, the endpoint needs its token,
/// and no label value is an id or a name. Measurements are taken by the shared test host; the scraping host (with a
/// scrape token) listens to the same meter names in this process.
/// </summary>
public sealed partial class MetricsHttpTests : TestBase
{
    private const string Token = "scrape-token-for-tests";

    [Test]
    public async Task TheScrapeShouldShowTheProductMetersWithoutIdsOrNames()
    {
        await using var scraper = new ApiFactory(new Dictionary<string, string?> { ["Metrics:ScrapeToken"] = Token });
        using var scrape = scraper.CreateClient();

        var owner = await TestAccounts.RegisterAndLoginAsync("metricsowner");
        var guest = await TestAccounts.RegisterAndLoginAsync("metricsguest");
        var wrong = TestAccounts.LoginBody(guest.Account);
        wrong["authHash"] = Convert.ToBase64String(new byte[32]);
        using (var failed = await TestApp.CreateClient().PostAsJsonAsync("/api/v1/auth/login", wrong))
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var client = TestApp.CreateClient(owner.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var small = Guid.NewGuid();
        var large = Guid.NewGuid();
        await TestVaults.PutEntryAsync(client, vaultId, small, TestVaults.Ciphertext());
        await TestVaults.PutEntryAsync(client, vaultId, large, TestVaults.Ciphertext(20_000));
        using (var sync = await client.GetAsync("/api/v1/sync")) Assert.That(sync.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using (var anonymous = await scrape.GetAsync("/metrics")) Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await scrape.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(text, Does.Contain("passwordmanager_auth_logins_total{").And.Contain("method=\"password\"").And.Contain("outcome=\"failure\""));
        Assert.That(text, Does.Contain("passwordmanager_vault_entries_written_total"));
        Assert.That(text, Does.Contain("passwordmanager_vault_syncs_total"));
        Assert.That(text, Does.Contain("passwordmanager_vault_sync_entries_served_total"));
        Assert.That(text, Does.Contain("passwordmanager_blobstore_operation_duration_seconds_bucket"));
        Assert.That(text, Does.Contain("http_server_request_duration_seconds_bucket").And.Contain("http_route=\"/api/v1/vaults/{vaultId:guid}/entries/{entryId:guid}\""));
        Assert.That(text, Does.Contain("db_client_operation_duration").Or.Contain("db_client_connection"), "Npgsql's meter");

        var values = LabelValue().Matches(text).Select(m => m.Groups["value"].Value).Distinct().ToList();
        Assert.That(values, Is.Not.Empty);
        var forbidden = new[] { owner.Account.UserId, guest.Account.UserId, vaultId, small, large }.Select(id => id.ToString()).ToList();
        Assert.Multiple(() =>
        {
            foreach (var value in values)
            {
                Assert.That(GuidLike().IsMatch(value), Is.False, $"label value looks like an id: {value}");
                Assert.That(LongHexOrNumber().IsMatch(value), Is.False, $"label value looks like an id: {value}");
                Assert.That(value, Does.Not.Contain("metricsowner").And.Not.Contain("metricsguest"), "a username in a label");
                Assert.That(forbidden.Any(id => value.Contains(id, StringComparison.OrdinalIgnoreCase)), Is.False, value);
            }
        });
    }

    [Test]
    public async Task WithoutATokenOrListenerTheEndpointShouldNotExist()
    {
        using var client = TestApp.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [GeneratedRegex("(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)=\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelValue();

    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex GuidLike();

    [GeneratedRegex("^(?:[0-9a-fA-F]{16,}|[0-9]{10,})$")]
    private static partial Regex LongHexOrNumber();
}
