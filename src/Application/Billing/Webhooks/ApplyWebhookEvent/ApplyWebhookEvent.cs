using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Billing.Subscriptions;
using PasswordManager.Domain.Billing.Webhooks;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Webhooks.ApplyWebhookEvent;

/// <summary>
/// A payment provider's subscription event (docs/api-guide.md, "Billing webhooks"). The signature is HMAC-SHA256 with
/// <c>Billing:WebhookSecret</c> over <c>timestamp + "." + body</c>; the timestamp must be within
/// <c>Billing:WebhookTolerance</c> of the server's clock. Each event id is applied at most once, and an event older
/// than the change a subscription already reflects is recorded but changes nothing.
/// </summary>
public sealed record ApplyWebhookEventCommand(string? Timestamp, string? Signature, byte[] Body) : ICommand<Result<WebhookOutcome>>;

/// <summary><see cref="Outcome"/>: <c>applied</c>, <c>duplicate</c> (id seen before), <c>stale</c> (older than the subscription's state) or <c>ignored</c> (a type this instance does not act on).</summary>
public sealed record WebhookOutcome(string EventId, string Outcome);

public sealed class ApplyWebhookEventCommandHandler(IBillingDbContext db, BillingOptions options, ISender sender, TimeProvider clock)
    : ICommandHandler<ApplyWebhookEventCommand, Result<WebhookOutcome>>
{
    public const string SubscriptionUpdated = "subscription.updated";

    private static readonly JsonSerializerOptions json = new(JsonSerializerDefaults.Web);

    public async ValueTask<Result<WebhookOutcome>> Handle(ApplyWebhookEventCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var verified = Verify(command, now);
        if (verified.IsFailure) return verified.Error;

        WebhookEvent? message;
        try
        {
            message = JsonSerializer.Deserialize<WebhookEvent>(command.Body, json);
        }
        catch (JsonException)
        {
            return new WebhookEventInvalid("body is not a JSON event");
        }

        if (message is null || string.IsNullOrWhiteSpace(message.Id) || message.Id.Length > ProcessedWebhookEvent.MaxIdLength || message.Type is null)
            return new WebhookEventInvalid("id and type are required; id is at most 200 characters");
        if (await db.ProcessedWebhookEvents.AnyAsync(e => e.EventId == message.Id, cancellationToken))
            return new WebhookOutcome(message.Id, "duplicate");
        if (message.Type != SubscriptionUpdated) return await RecordAsync(message.Id, "ignored", now, cancellationToken);

        if (message.Data is not { TenantId: { } tenantId, Plan: { } planId } data || message.OccurredAt is not { } occurredAt
            || BillingMappings.ParseStatus(data.Status ?? "active") is not { } status || data.Seats is < 1)
            return new WebhookEventInvalid("a subscription.updated event needs occurredAt, data.tenantId, data.plan and a known data.status");
        if (!await sender.Send(new TenantExistsQuery(tenantId), cancellationToken)) return new WebhookEventInvalid("unknown tenant");
        // Not recorded as processed: once the plan exists, the provider's retry applies it.
        if (!await db.Plans.AnyAsync(p => p.Id == planId, cancellationToken)) return new WebhookUnknownPlan(planId);

        var tenant = new TenantId(tenantId);
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.TenantId == tenant, cancellationToken);
        var applied = true;
        if (subscription is null) db.Subscriptions.Add(Subscription.Start(tenant, planId, status, data.PeriodEnd, data.Seats, occurredAt, now));
        else applied = subscription.Change(planId, status, data.PeriodEnd, data.Seats, occurredAt, now);

        var outcome = await RecordAsync(message.Id, applied ? "applied" : "stale", now, cancellationToken);
        if (outcome.IsSuccess && outcome.Value.Outcome == "applied") await db.NotifyFlagsChangedAsync(cancellationToken);
        return outcome;
    }

    private async Task<Result<WebhookOutcome>> RecordAsync(string eventId, string outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ProcessedWebhookEvents.Add(ProcessedWebhookEvent.Record(eventId, outcome, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same event delivered twice at once: the other delivery applied it (the processed-id key decided).
            return new WebhookOutcome(eventId, "duplicate");
        }

        return new WebhookOutcome(eventId, outcome);
    }

    private Result Verify(ApplyWebhookEventCommand command, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(options.WebhookSecret)) return new WebhookRejected("not_configured");
        if (command.Timestamp is null || command.Signature is null) return new WebhookRejected("missing_signature");
        if (!long.TryParse(command.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
            return new WebhookRejected("bad_timestamp");
        var expected = Sign(options.WebhookSecret, command.Timestamp, command.Body);
        var presented = command.Signature.StartsWith("v1=", StringComparison.Ordinal) ? command.Signature[3..] : command.Signature;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented.ToLowerInvariant())))
            return new WebhookRejected("bad_signature");
        // Checked after the signature, so an unsigned caller learns nothing about the server's clock.
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() > options.WebhookTolerance ? new WebhookRejected("stale_timestamp") : Result.Success();
    }

    /// <summary>The lowercase hex HMAC-SHA256 of <c>timestamp + "." + body</c>.</summary>
    public static string Sign(string secret, string timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private sealed record WebhookEvent(string? Id, string? Type, DateTimeOffset? OccurredAt, WebhookSubscription? Data);

    private sealed record WebhookSubscription(Guid? TenantId, string? Plan, string? Status, DateTimeOffset? PeriodEnd, int? Seats);
}
