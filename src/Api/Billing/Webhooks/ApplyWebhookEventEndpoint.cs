using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Billing.Webhooks.ApplyWebhookEvent;
using PasswordManager.Domain.Billing;

namespace PasswordManager.Api.Billing.Webhooks;

internal static class ApplyWebhookEventEndpoint
{
    public const string TimestampHeader = "X-PM-Webhook-Timestamp";
    public const string SignatureHeader = "X-PM-Webhook-Signature";

    internal static RouteHandlerBuilder MapApplyWebhookEvent(this RouteGroupBuilder group) =>
        group.MapPost("/webhooks", HandleAsync)
            .WithName("Billing.ApplyWebhookEvent")
            .WithSummary($"A payment provider's signed subscription event ({SignatureHeader}: v1=hex HMAC-SHA256 of timestamp + \".\" + body).")
            .Accepts<object>("application/json")
            .ProducesErrors(typeof(WebhookRejected), typeof(WebhookEventInvalid), typeof(WebhookUnknownPlan));

    private static async Task<Results<Ok<WebhookOutcome>, ProblemHttpResult>> HandleAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var result = await sender.Send(new ApplyWebhookEventCommand(
            request.Headers[TimestampHeader].FirstOrDefault(), request.Headers[SignatureHeader].FirstOrDefault(), buffer.ToArray()), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }
}
