using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Billing.Subscriptions.GetTenantBilling;
using PasswordManager.Application.Billing.Subscriptions.RemoveEntitlementOverride;
using PasswordManager.Application.Billing.Subscriptions.SetEntitlementOverride;
using PasswordManager.Application.Billing.Subscriptions.SetSubscription;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Billing;

namespace PasswordManager.Api.Billing.Subscriptions;

internal sealed record SetSubscriptionRequest(string? Plan, string? Status, DateTimeOffset? PeriodEnd, int? Seats);

internal sealed record SetEntitlementOverrideRequest(string? Value);

/// <summary>A tenant's plan, subscription and entitlement overrides: one use case per endpoint.</summary>
internal static class TenantBillingEndpoints
{
    internal static RouteHandlerBuilder MapGetTenantBilling(this RouteGroupBuilder group) =>
        group.MapGet("/tenants/{tenantId:guid}/billing", GetAsync)
            .WithName("Billing.GetTenantBilling")
            .WithSummary("A tenant's plan, subscription, overrides, effective entitlements and usage (its admins, or instance admins).")
            .ProducesErrors(typeof(BillingTenantNotFound), typeof(TenantAdminRequired));

    internal static RouteHandlerBuilder MapSetSubscription(this RouteGroupBuilder group) =>
        group.MapPut("/tenants/{tenantId:guid}/subscription", SetAsync)
            .WithName("Billing.SetSubscription")
            .WithSummary("Sets a tenant's plan, status, seats and period end (instance admins).")
            .ProducesErrors(typeof(InstanceAdminRequired), typeof(BillingTenantNotFound), typeof(PlanNotFound));

    internal static RouteHandlerBuilder MapSetEntitlementOverride(this RouteGroupBuilder group) =>
        group.MapPut("/tenants/{tenantId:guid}/entitlements/{key}", OverrideAsync)
            .WithName("Billing.SetEntitlementOverride")
            .WithSummary("Overrides one entitlement of the tenant's plan for this tenant (instance admins).")
            .ProducesErrors(typeof(InstanceAdminRequired), typeof(BillingTenantNotFound));

    internal static RouteHandlerBuilder MapRemoveEntitlementOverride(this RouteGroupBuilder group) =>
        group.MapDelete("/tenants/{tenantId:guid}/entitlements/{key}", RemoveAsync)
            .WithName("Billing.RemoveEntitlementOverride")
            .WithSummary("Removes an override: the tenant gets its plan's value again (instance admins).")
            .ProducesErrors(typeof(InstanceAdminRequired), typeof(BillingTenantNotFound));

    private static async Task<Results<Ok<TenantBillingView>, ProblemHttpResult>> GetAsync(
        Guid tenantId, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetTenantBillingQuery(BillingCallers.Of(user, principal), tenantId), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> SetAsync(
        Guid tenantId, SetSubscriptionRequest request, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new SetSubscriptionCommand(
            BillingCallers.Of(user, principal), tenantId, request.Plan ?? "", request.Status ?? "active", request.PeriodEnd, request.Seats), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<IReadOnlyDictionary<string, string>>, ProblemHttpResult>> OverrideAsync(
        Guid tenantId, string key, SetEntitlementOverrideRequest request, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new SetEntitlementOverrideCommand(BillingCallers.Of(user, principal), tenantId, key, request.Value ?? ""), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<IReadOnlyDictionary<string, string>>, ProblemHttpResult>> RemoveAsync(
        Guid tenantId, string key, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RemoveEntitlementOverrideCommand(BillingCallers.Of(user, principal), tenantId, key), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }
}
