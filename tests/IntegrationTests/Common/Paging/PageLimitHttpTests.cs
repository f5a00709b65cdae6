using System.Net;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Common.Paging;

/// <summary>Every paginated list takes ?limit= by one rule: 1 to 1,000, anything else is a 400 naming limit.</summary>
public sealed class PageLimitHttpTests : TestBase
{
    private static readonly string[] Lists = ["/api/v1/sync", "/api/v1/vaults/{vaultId}/entries", "/v1/encryptions"];

    private static IEnumerable<TestCaseData> OutOfRange() =>
        from list in Lists
        from limit in new[] { "-1", "0", "1001", "1000000" }
        select new TestCaseData(list, limit).SetName($"ShouldRefuseLimit({list}, {limit})");

    private static IEnumerable<TestCaseData> InRange() =>
        from list in Lists
        from limit in new[] { "1", "1000" }
        select new TestCaseData(list, limit).SetName($"ShouldAcceptLimit({list}, {limit})");

    [TestCaseSource(nameof(OutOfRange))]
    public async Task ShouldRefuseALimitOutsideTheRule(string list, string limit)
    {
        var (client, url) = await ListAsync(list);

        using var response = await client.GetAsync($"{url}?limit={limit}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("limit", out _), Is.True, problem.ToString());
        client.Dispose();
    }

    [TestCaseSource(nameof(InRange))]
    public async Task ShouldAcceptALimitWithinTheRule(string list, string limit)
    {
        var (client, url) = await ListAsync(list);

        using var response = await client.GetAsync($"{url}?limit={limit}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        client.Dispose();
    }

    private static async Task<(HttpClient, string)> ListAsync(string list)
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        return (client, list.Replace("{vaultId}", vaultId.ToString(), StringComparison.Ordinal));
    }
}
