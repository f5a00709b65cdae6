using Mediator;
using PasswordManager.Application.Billing.Features.GetFeatures;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Billing.Features;

internal static class GetFeaturesEndpoint
{
    internal static RouteHandlerBuilder MapGetFeatures(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/features", HandleAsync)
            .WithTags("Billing")
            .RequireAuthorization()
            .WithName("Billing.GetFeatures")
            .WithSummary("What the caller may use: the tenant's plan, its effective entitlements and every feature flag evaluated for the caller.");

    private static async Task<FeaturesView> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetFeaturesQuery(user.Id, user.TenantId), ct);
}
