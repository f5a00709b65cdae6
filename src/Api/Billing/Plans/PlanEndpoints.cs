using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Billing.Plans.CreatePlan;
using PasswordManager.Application.Billing.Plans.ListPlans;
using PasswordManager.Application.Billing.Plans.UpdatePlan;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Billing;

namespace PasswordManager.Api.Billing.Plans;

internal sealed record CreatePlanRequest(string? Id, string? Name, Dictionary<string, string>? Entitlements);

internal sealed record UpdatePlanRequest(string? Name, Dictionary<string, string>? Entitlements);

/// <summary>Plans as data (docs/api-guide.md, "Plans and entitlements"): one use case per endpoint.</summary>
internal static class PlanEndpoints
{
    internal static RouteHandlerBuilder MapListPlans(this RouteGroupBuilder group) =>
        group.MapGet("/plans", ListAsync)
            .WithName("Billing.ListPlans")
            .WithSummary("Every plan with its entitlements, and the instance's default plan (tenant admins and instance admins).")
            .ProducesErrors(typeof(TenantAdminRequired));

    internal static RouteHandlerBuilder MapCreatePlan(this RouteGroupBuilder group) =>
        group.MapPost("/plans", CreateAsync)
            .WithName("Billing.CreatePlan")
            .WithSummary("Creates a plan (instance admins); entitlements not named are not included.")
            .ProducesErrors(typeof(InstanceAdminRequired), typeof(PlanAlreadyExists));

    internal static RouteHandlerBuilder MapUpdatePlan(this RouteGroupBuilder group) =>
        group.MapPatch("/plans/{planId}", UpdateAsync)
            .WithName("Billing.UpdatePlan")
            .WithSummary("Renames a plan or changes the entitlements named (instance admins). Existing data is never removed.")
            .ProducesErrors(typeof(InstanceAdminRequired), typeof(PlanNotFound));

    private static async Task<Results<Ok<ListPlansResult>, ProblemHttpResult>> ListAsync(
        ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListPlansQuery(BillingCallers.Of(user, principal)), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Created<PlanView>, ProblemHttpResult>> CreateAsync(
        CreatePlanRequest request, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(
            new CreatePlanCommand(BillingCallers.Of(user, principal), request.Id ?? "", request.Name ?? "", request.Entitlements), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Created($"/api/v1/admin/plans/{result.Value.Id}", result.Value);
    }

    private static async Task<Results<Ok<PlanView>, ProblemHttpResult>> UpdateAsync(
        string planId, UpdatePlanRequest request, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new UpdatePlanCommand(BillingCallers.Of(user, principal), planId, request.Name, request.Entitlements), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }
}
