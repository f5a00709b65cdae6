using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PasswordManager.Domain.Common;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Billing;

/// <summary>Plans, subscriptions and extra tenants for the Billing tests, through the real admin API where one exists.</summary>
internal static class TestBilling
{
    /// <summary>The instance administrator (ApiFactory lists "root-admin"); registered first, so also owner of the default tenant.</summary>
    public static async Task<LoggedIn> InstanceAdminAsync() => await TestAccounts.RegisterAndLoginAsync("root-admin");

    public static async Task SetPlanAsync(LoggedIn admin, Guid tenantId, string plan, string status = "active")
    {
        using var client = TestApp.CreateClient(admin.AccessToken);
        using var response = await client.PutAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/subscription", new { plan, status });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync() + TestApp.Factory.Logs.RecentErrors);
    }

    public static async Task OverrideAsync(LoggedIn admin, Guid tenantId, string key, string value)
    {
        using var client = TestApp.CreateClient(admin.AccessToken);
        using var response = await client.PutAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/entitlements/{key}", new { value });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> UsageAsync(LoggedIn admin, Guid tenantId)
    {
        using var client = TestApp.CreateClient(admin.AccessToken);
        using var response = await client.GetAsync($"/api/v1/admin/tenants/{tenantId}/usage");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("usage");
    }

    public static async Task AssertQuotaExceededAsync(HttpResponseMessage response, string entitlement, long limit, long usage)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "billing.quota_exceeded");
        var details = problem.GetProperty("details");
        Assert.That(details.GetProperty("entitlement").GetString(), Is.EqualTo(entitlement));
        Assert.That(details.GetProperty("limit").GetInt64(), Is.EqualTo(limit));
        Assert.That(details.GetProperty("usage").GetInt64(), Is.EqualTo(usage));
    }

    public static Guid DefaultTenant => TenantId.Default.Value;

    /// <summary>A second tenant (the tenant admin API is another module's work): a row, and users moved into it.</summary>
    public static async Task<Guid> CreateTenantAsync(string name)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync("INSERT INTO auth.tenants (id, name, created_at) VALUES (@id, @name, now())", ("id", id), ("name", name));
        return id;
    }

    /// <summary>Moves a registered user into <paramref name="tenantId"/> with <paramref name="role"/>; log in again for a token that says so.</summary>
    public static async Task MoveUserAsync(Guid userId, Guid tenantId, string role) =>
        await ExecuteAsync("UPDATE auth.users SET tenant_id = @t, role = @r WHERE id = @u", ("t", tenantId), ("r", role), ("u", userId));

    /// <summary>Empties the database and removes the tenants the test added (the reset keeps tenants, as reference data).</summary>
    public static async Task RemoveExtraTenantsAsync()
    {
        await TestApp.ResetStateAsync();
        await ExecuteAsync("DELETE FROM auth.tenants WHERE id <> @d", ("d", DefaultTenant));
    }

    public static async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
