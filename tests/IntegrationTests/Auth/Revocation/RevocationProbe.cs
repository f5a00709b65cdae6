using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PasswordManager.Infrastructure.Auth.Revocation;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Revocation;

internal static class RevocationProbe
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    public static HttpClient WithToken(this ApiFactory factory, string accessToken)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task AssertAcceptedAsync(HttpClient client, string path = "/api/v1/auth/session")
    {
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls until the token is refused as revoked; fails if that takes longer than <paramref name="within"/> from <paramref name="since"/>.</summary>
    public static async Task AssertRefusedAsync(HttpClient client, Stopwatch since, TimeSpan? within = null, string path = "/api/v1/auth/session")
    {
        var limit = within ?? Deadline;
        while (true)
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var elapsed = since.Elapsed;
                await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
                Assert.That(elapsed, Is.LessThanOrEqualTo(limit), "refused, but too late");
                return;
            }

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            if (since.Elapsed > limit) Assert.Fail($"The revoked session's access token was still accepted {since.Elapsed.TotalMilliseconds:F0} ms after the revocation.");
            await Task.Delay(20);
        }
    }

    public static SessionRevocationListener Listener(this ApiFactory factory) =>
        factory.Services.GetRequiredService<SessionRevocationListener>();

    /// <summary>Waits until the host's listener has connected and answers its backend's process id.</summary>
    public static async Task<int> ListeningAsync(this ApiFactory factory)
    {
        var listener = factory.Listener();
        var waited = Stopwatch.StartNew();
        while (listener.BackendProcessId == 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10)) Assert.Fail("The revocation listener did not connect.");
            await Task.Delay(20);
        }
        return listener.BackendProcessId;
    }

    public static async Task TerminateBackendAsync(int processId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend($1)", connection) { Parameters = { new NpgsqlParameter { Value = processId } } };
        Assert.That(await command.ExecuteScalarAsync(), Is.True);
    }

    public static async Task ExecuteAsync(string sql, Guid sessionId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = sessionId } } };
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }
}
