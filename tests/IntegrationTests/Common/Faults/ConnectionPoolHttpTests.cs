using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Common.Faults;

/// <summary>
/// A request that holds a pooled connection inside a transaction must never wait for a second connection of the same
/// pool (ADR-0030, the login amendment): with more concurrent requests than connections, every connection ends up
/// held by a request that waits, and nothing moves until the pool timeout answers 503. The host here has a pool of
/// three connections (and a pool timeout that only a deadlock reaches), and is sent four times as many logins (each one under the
/// tenant's quota lock) and replacing writes (each one under its vault's lock) at once: all must succeed.
/// </summary>
public sealed class ConnectionPoolHttpTests : TestBase
{
    private const int Concurrency = 12;

    [Test]
    public async Task ShouldServeConcurrentLoginsAndWritesOfOneTenantWithFewerConnectionsThanRequests()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = TestEnvironment.Database + ";Maximum Pool Size=3;Timeout=10",
        });
        var accounts = new List<(LoggedIn Me, Guid VaultId, Guid EntryId)>();
        for (var i = 0; i < Concurrency; i++)
        {
            var me = await TestAccounts.RegisterAndLoginAsync($"pool-{i}");
            using var owner = TestApp.CreateClient(me.AccessToken);
            var vaultId = await TestVaults.CreateAsync(owner);
            var entryId = Guid.NewGuid();
            await TestVaults.PutEntryAsync(owner, vaultId, entryId, TestVaults.Ciphertext());
            accounts.Add((me, vaultId, entryId));
        }

        using var client = factory.CreateClient();
        using (var warmUp = await client.GetAsync("/health/ready"))
            Assert.That(warmUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        for (var round = 0; round < 3; round++)
        {
            var logins = accounts.Select(a => client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(a.Me.Account)));
            var writes = accounts.Select(a =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/vaults/{a.VaultId}/entries/{a.EntryId}")
                {
                    Content = JsonContent.Create(new { replacesVersion = round + 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", a.Me.AccessToken);
                return client.SendAsync(request);
            });
            var responses = await Task.WhenAll(logins.Concat(writes));
            foreach (var response in responses)
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK),
                    $"round {round}, {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: " + await response.Content.ReadAsStringAsync());
                response.Dispose();
            }
        }
    }
}
