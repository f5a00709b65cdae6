namespace PasswordManager.Domain.Billing.Webhooks;

/// <summary>A webhook event already applied (or deliberately ignored): a second delivery of its id changes nothing.</summary>
public sealed class ProcessedWebhookEvent
{
    public const int MaxIdLength = 200;

    private ProcessedWebhookEvent() { }

    public string EventId { get; private set; } = null!;
    public string Outcome { get; private set; } = null!;
    public DateTimeOffset ReceivedAt { get; private set; }

    public static ProcessedWebhookEvent Record(string eventId, string outcome, DateTimeOffset now) =>
        new() { EventId = eventId, Outcome = outcome, ReceivedAt = now };
}
