using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.ApiKeys;

internal sealed record CreatedApiKey(string Id, string Secret, JsonElement Body);

internal static class TestApiKeys
{
    public static readonly string[] AllScopes = ["export", "key-rotation", "user-management"];

    public static async Task<CreatedApiKey> CreateAsync(LoggedIn owner, params string[] scopes)
    {
        using var client = TestApp.CreateClient(owner.AccessToken);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/api-keys", new { name = "backup job", scopes });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        return new CreatedApiKey(body.GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!, body);
    }

    public static HttpClient Client(CreatedApiKey key) => Client(key.Id, key.Secret);

    public static HttpClient Client(string id, string secret)
    {
        var client = TestApp.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", id);
        client.DefaultRequestHeaders.Add("X-Api-Secret", secret);
        return client;
    }

    public static async Task SetColumnAsync(string keyId, string column, DateTimeOffset? value)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"UPDATE auth.api_keys SET {column} = @value WHERE id = @id", connection);
        command.Parameters.AddWithValue("value", (object?)value ?? DBNull.Value);
        command.Parameters.AddWithValue("id", keyId);
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }

    public static async Task<DateTimeOffset?> LastUsedAtAsync(string keyId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT last_used_at FROM auth.api_keys WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", keyId);
        var value = await command.ExecuteScalarAsync();
        return value is DateTime time ? new DateTimeOffset(time, TimeSpan.Zero) : null;
    }
}
