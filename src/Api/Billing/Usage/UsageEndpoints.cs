using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Billing.Usage.ListUsage;
using PasswordManager.Application.Billing.Usage.ReconcileTenantUsage;
using PasswordManager.Application.Billing.Usage.ReconcileUsage;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Billing;

namespace PasswordManager.Api.Billing.Usage;

/// <summary>Counted usage per tenant and its reconciliation: one use case per endpoint.</summary>
internal static class UsageEndpoints
{
    internal static RouteHandlerBuilder MapListUsage(this RouteGroupBuilder group) =>
        group.MapGet("/usage", ListAsync)
            .WithName("Billing.ListUsage")
            .WithSummary("Every tenant's usage, plan and limits, with what the last reconciliation corrected (instance admins).")
            .ProducesErrors(typeof(InstanceAdminRequired));

    internal static RouteHandlerBuilder MapGetTenantUsage(this RouteGroupBuilder group) =>
        group.MapGet("/tenants/{tenantId:guid}/usage", GetAsync)
            .WithName("Billing.GetTenantUsage")
            .WithSummary("A tenant's usage, plan and limits (its admins, or instance admins).")
            .ProducesErrors(typeof(BillingTenantNotFound), typeof(TenantAdminRequired));

    internal static RouteHandlerBuilder MapReconcileTenantUsage(this RouteGroupBuilder group) =>
        group.MapPost("/tenants/{tenantId:guid}/usage/reconcile", ReconcileAsync)
            .WithName("Billing.ReconcileTenantUsage")
            .WithSummary("Recounts a tenant's usage now and corrects the counters; answers what differed (instance admins).")
            .ProducesErrors(typeof(InstanceAdminRequired), typeof(BillingTenantNotFound));

    private static async Task<Results<Ok<IReadOnlyList<TenantUsageView>>, ProblemHttpResult>> ListAsync(
        ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListUsageQuery(BillingCallers.Of(user, principal), null), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<TenantUsageView>, ProblemHttpResult>> GetAsync(
        Guid tenantId, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListUsageQuery(BillingCallers.Of(user, principal), tenantId), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value[0]);
    }

    private static async Task<Results<Ok<ReconcileUsageResult>, ProblemHttpResult>> ReconcileAsync(
        Guid tenantId, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ReconcileTenantUsageCommand(BillingCallers.Of(user, principal), tenantId), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }
}
