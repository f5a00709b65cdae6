using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Billing.Flags.DeleteFlag;
using PasswordManager.Application.Billing.Flags.ListFlags;
using PasswordManager.Application.Billing.Flags.SetFlag;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Billing.Flags;

namespace PasswordManager.Api.Billing.Flags;

internal sealed record FlagVariantRequest(string? Name, string? Value);

internal sealed record SetFlagRequest(
    string? Description,
    bool Enabled,
    List<Guid>? Tenants,
    List<Guid>? Users,
    List<string>? Plans,
    int? RolloutPercentage,
    List<FlagVariantRequest>? Variants,
    string? VariantWhenEnabled,
    string? VariantWhenDisabled)
{
    public FlagSettings ToSettings() => new(
        Description, Enabled, Tenants ?? [], Users ?? [], Plans ?? [], RolloutPercentage ?? 0,
        [.. (Variants ?? []).Select(v => new FlagVariant(v.Name ?? "", v.Value))], VariantWhenEnabled, VariantWhenDisabled);
}

/// <summary>Feature flags and their targeting (instance admins): one use case per endpoint.</summary>
internal static class FlagEndpoints
{
    internal static RouteHandlerBuilder MapListFlags(this RouteGroupBuilder group) =>
        group.MapGet("/flags", ListAsync)
            .WithName("Billing.ListFlags")
            .WithSummary("Every stored feature flag with its targeting and variants (instance admins).")
            .ProducesErrors(typeof(InstanceAdminRequired));

    internal static RouteHandlerBuilder MapSetFlag(this RouteGroupBuilder group) =>
        group.MapPut("/flags/{name}", SetAsync)
            .WithName("Billing.SetFlag")
            .WithSummary("Creates or replaces a feature flag (instance admins); every server process applies it within seconds.")
            .ProducesErrors(typeof(InstanceAdminRequired));

    internal static RouteHandlerBuilder MapDeleteFlag(this RouteGroupBuilder group) =>
        group.MapDelete("/flags/{name}", DeleteAsync)
            .WithName("Billing.DeleteFlag")
            .WithSummary("Deletes a feature flag (instance admins).")
            .ProducesErrors(typeof(InstanceAdminRequired), typeof(FlagNotFound));

    private static async Task<Results<Ok<IReadOnlyList<FlagView>>, ProblemHttpResult>> ListAsync(
        ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListFlagsQuery(BillingCallers.Of(user, principal)), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<FlagView>, ProblemHttpResult>> SetAsync(
        string name, SetFlagRequest request, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new SetFlagCommand(BillingCallers.Of(user, principal), name, request.ToSettings()), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, ICurrentUser user, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DeleteFlagCommand(BillingCallers.Of(user, principal), name), ct);
        return result.IsFailure ? result.Error.ToProblem() : TypedResults.NoContent();
    }
}
