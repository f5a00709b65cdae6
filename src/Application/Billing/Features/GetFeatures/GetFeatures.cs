using Mediator;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Features.GetFeatures;

/// <summary>What the caller may use: the plan, its effective entitlements and every flag evaluated for the caller.</summary>
public sealed record GetFeaturesQuery(UserId UserId, TenantId TenantId) : IQuery<FeaturesView>;

public sealed record FeaturesView(string Plan, IReadOnlyDictionary<string, string> Entitlements, IReadOnlyDictionary<string, FeatureFlagValue> Flags);

public sealed record FeatureFlagValue(bool Enabled, string? Variant, string? Value);

public sealed class GetFeaturesQueryHandler(TenantPlans plans, IFeatureFlags flags) : IQueryHandler<GetFeaturesQuery, FeaturesView>
{
    public async ValueTask<FeaturesView> Handle(GetFeaturesQuery query, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(query.TenantId, cancellationToken);
        var states = await flags.EvaluateAsync(
            query.UserId.Value.ToString(), [FlagGroups.Tenant(query.TenantId.Value), FlagGroups.Plan(plan.Plan.Id)], cancellationToken);
        return new FeaturesView(
            plan.Plan.Id,
            plan.Effective.Describe(),
            states.ToDictionary(s => s.Name, s => new FeatureFlagValue(s.Enabled, s.Variant, s.Value)));
    }
}
