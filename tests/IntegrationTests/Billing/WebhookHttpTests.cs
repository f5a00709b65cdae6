using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using PasswordManager.Application.Billing.Webhooks.ApplyWebhookEvent;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Billing.TestBilling;

namespace PasswordManager.IntegrationTests.Billing;

public sealed class WebhookHttpTests : TestBase
{
    private LoggedIn admin = null!;

    [SetUp]
    public async Task ArrangeAsync() => admin = await InstanceAdminAsync();

    [Test]
    public async Task ShouldApplyASignedEvent()
    {
        using var response = await SendAsync(Event("evt_1", "teams", DateTimeOffset.UtcNow, seats: 12));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await response.ReadJsonAsync()).GetProperty("outcome").GetString(), Is.EqualTo("applied"));
        var billing = await BillingAsync();
        Assert.That(billing.GetProperty("plan").GetProperty("id").GetString(), Is.EqualTo("teams"));
        Assert.That(billing.GetProperty("subscription").GetProperty("seats").GetInt32(), Is.EqualTo(12));
        Assert.That(billing.GetProperty("subscription").GetProperty("status").GetString(), Is.EqualTo("active"));
    }

    [Test]
    public async Task ShouldApplyAReplayedEventOnlyOnce()
    {
        var now = DateTimeOffset.UtcNow;
        using var first = await SendAsync(Event("evt_replayed", "teams", now));
        await SetPlanAsync(admin, DefaultTenant, "free");

        using var replay = await SendAsync(Event("evt_replayed", "teams", now));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await replay.ReadJsonAsync()).GetProperty("outcome").GetString(), Is.EqualTo("duplicate"));
        Assert.That((await BillingAsync()).GetProperty("plan").GetProperty("id").GetString(), Is.EqualTo("free"));
        Assert.That(await TestDatabase.CountAsync("billing.processed_webhook_events"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldNeverLetAnOlderEventOverrideANewerOne()
    {
        var now = DateTimeOffset.UtcNow;
        using var newer = await SendAsync(Event("evt_newer", "teams", now));
        using var older = await SendAsync(Event("evt_older", "premium", now.AddMinutes(-2)));

        Assert.That((await newer.ReadJsonAsync()).GetProperty("outcome").GetString(), Is.EqualTo("applied"));
        Assert.That((await older.ReadJsonAsync()).GetProperty("outcome").GetString(), Is.EqualTo("stale"));
        Assert.That((await BillingAsync()).GetProperty("plan").GetProperty("id").GetString(), Is.EqualTo("teams"));
    }

    [Test]
    public async Task ShouldRefuseAStaleTimestampABadSignatureAndMissingHeaders()
    {
        var body = Event("evt_refused", "teams", DateTimeOffset.UtcNow);
        var stale = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var future = DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var staleResponse = await SendAsync(body, timestamp: stale);
        using var futureResponse = await SendAsync(body, timestamp: future);
        using var badSignature = await SendAsync(body, signature: "v1=" + new string('0', 64));
        using var otherSecret = await SendAsync(body, secret: "not-the-secret");
        using var tampered = await SendAsync(body, signedBody: body.Replace("teams", "enterprise", StringComparison.Ordinal));
        using var unsigned = await TestApp.CreateClient().PostAsync("/api/v1/billing/webhooks", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(await ReasonAsync(staleResponse), Is.EqualTo("stale_timestamp"));
        Assert.That(await ReasonAsync(futureResponse), Is.EqualTo("stale_timestamp"));
        Assert.That(await ReasonAsync(badSignature), Is.EqualTo("bad_signature"));
        Assert.That(await ReasonAsync(otherSecret), Is.EqualTo("bad_signature"));
        Assert.That(await ReasonAsync(tampered), Is.EqualTo("bad_signature"));
        Assert.That(await ReasonAsync(unsigned), Is.EqualTo("missing_signature"));
        Assert.That(await TestDatabase.CountAsync("billing.subscriptions"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("billing.processed_webhook_events"), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseAnUnknownPlanAndApplyTheRetryOnceThePlanExists()
    {
        var body = Event("evt_unknown_plan", "platinum", DateTimeOffset.UtcNow);

        using var refused = await SendAsync(body);
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "billing.webhook_unknown_plan");
        Assert.That(await TestDatabase.CountAsync("billing.subscriptions"), Is.Zero);

        try
        {
            await ExecuteAsync("INSERT INTO billing.plans (id, name, entitlements, updated_at) SELECT 'platinum', 'Platinum', entitlements, now() FROM billing.plans WHERE id = 'teams'");
            using var retried = await SendAsync(body);
            Assert.That((await retried.ReadJsonAsync()).GetProperty("outcome").GetString(), Is.EqualTo("applied"));
        }
        finally
        {
            await ExecuteAsync("DELETE FROM billing.subscriptions");
            await ExecuteAsync("DELETE FROM billing.plans WHERE id = 'platinum'");
        }
    }

    [Test]
    public async Task ShouldRefuseMalformedEventsWithoutRecordingThem()
    {
        using var notJson = await SendAsync("{not json");
        using var noId = await SendAsync("""{"type":"subscription.updated"}""");
        using var badStatus = await SendAsync(Event("evt_bad_status", "teams", DateTimeOffset.UtcNow, status: "paused"));
        using var unknownTenant = await SendAsync(Event("evt_unknown_tenant", "teams", DateTimeOffset.UtcNow, tenantId: Guid.NewGuid()));
        using var otherType = await SendAsync("""{"id":"evt_invoice","type":"invoice.paid"}""");

        await notJson.AssertProblemAsync(HttpStatusCode.BadRequest, "billing.webhook_event_invalid");
        await noId.AssertProblemAsync(HttpStatusCode.BadRequest, "billing.webhook_event_invalid");
        await badStatus.AssertProblemAsync(HttpStatusCode.BadRequest, "billing.webhook_event_invalid");
        await unknownTenant.AssertProblemAsync(HttpStatusCode.BadRequest, "billing.webhook_event_invalid");
        Assert.That((await otherType.ReadJsonAsync()).GetProperty("outcome").GetString(), Is.EqualTo("ignored"));
        Assert.That(await TestDatabase.CountAsync("billing.subscriptions"), Is.Zero);
    }

    private static string Event(string id, string plan, DateTimeOffset occurredAt, int? seats = null, string status = "active", Guid? tenantId = null) =>
        JsonSerializer.Serialize(new
        {
            id,
            type = "subscription.updated",
            occurredAt,
            data = new { tenantId = tenantId ?? DefaultTenant, plan, status, periodEnd = occurredAt.AddDays(30), seats },
        });

    private static async Task<HttpResponseMessage> SendAsync(
        string body, string? timestamp = null, string? signature = null, string? secret = null, string? signedBody = null)
    {
        timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signature ??= "v1=" + ApplyWebhookEventCommandHandler.Sign(secret ?? ApiFactory.WebhookSecret, timestamp, Encoding.UTF8.GetBytes(signedBody ?? body));
        using var client = TestApp.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/billing/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-PM-Webhook-Timestamp", timestamp);
        request.Headers.Add("X-PM-Webhook-Signature", signature);
        return await client.SendAsync(request);
    }

    private static async Task<string?> ReasonAsync(HttpResponseMessage response) =>
        (await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "billing.webhook_rejected")).GetProperty("details").GetProperty("reason").GetString();

    private async Task<JsonElement> BillingAsync()
    {
        using var client = TestApp.CreateClient(admin.AccessToken);
        using var response = await client.GetAsync($"/api/v1/admin/tenants/{DefaultTenant}/billing");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }
}
