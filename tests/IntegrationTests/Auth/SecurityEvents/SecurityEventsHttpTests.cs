using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.SecurityEvents;

public sealed class SecurityEventsHttpTests : TestBase
{
    [Test]
    public async Task ShouldListOwnEventsNewestFirstInPages()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        var bob = await TestMfa.RegisterWithMfaAsync("bob");
        var device = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            using var completed = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(mfa.Account, device), device, recoveryCode: mfa.RecoveryCodes[i]);
            Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var client = TestApp.CreateClient(mfa.Login.AccessToken);
        var seen = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/auth/security-events?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(items);
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.That(seen.Select(e => e.GetProperty("type").GetString()), Is.EquivalentTo(new[]
        {
            "login_with_mfa", "recovery_code_used", "login_with_mfa", "recovery_code_used", "login_with_mfa", "recovery_code_used", "mfa_enabled",
            "login",
        }));
        Assert.That(seen, Has.Count.EqualTo(8));
        // Ids are UUIDv7: ordered by millisecond, events of one request share one.
        Assert.That(seen.Select(e => e.GetProperty("occurredAt").GetDateTimeOffset().ToUnixTimeMilliseconds()), Is.Ordered.Descending);
        Assert.That(seen.Select(e => e.GetProperty("id").GetGuid()).Distinct().Count(), Is.EqualTo(8));
        Assert.That(seen[^2].GetProperty("type").GetString(), Is.EqualTo("mfa_enabled"));
        Assert.That(seen[^1].GetProperty("type").GetString(), Is.EqualTo("login"));
        var remaining = seen.Where(e => e.GetProperty("type").GetString() == "recovery_code_used")
            .Select(e => e.GetProperty("details").GetProperty("remaining").GetInt32());
        Assert.That(remaining, Is.EqualTo(new[] { 7, 8, 9 }));
        var login = seen.First(e => e.GetProperty("type").GetString() == "login_with_mfa");
        Assert.That(login.GetProperty("deviceName").GetString(), Is.EqualTo("test device"));
        Assert.That(login.GetProperty("details").GetProperty("method").GetString(), Is.EqualTo("recovery_code"));

        var bobEvents = await MfaHttpTests.EventTypesAsync(bob.Login);
        Assert.That(bobEvents, Is.EqualTo(new[] { "mfa_enabled", "login" }));
    }
}
