using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using PasswordManager.Application.Billing;

namespace PasswordManager.Infrastructure.Billing.Flags;

/// <summary><see cref="IFeatureFlags"/> through Microsoft.FeatureManagement, with an explicit targeting context per caller.</summary>
internal sealed class FeatureManagementFlags(IVariantFeatureManager features, PostgresFeatureDefinitionProvider definitions) : IFeatureFlags
{
    public async Task<IReadOnlyList<FeatureState>> EvaluateAsync(string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var context = new TargetingContext { UserId = userId, Groups = groups };
        var states = new List<FeatureState>();
        await foreach (var name in features.GetFeatureNamesAsync(cancellationToken))
        {
            var enabled = await features.IsEnabledAsync<ITargetingContext>(name, context, cancellationToken);
            var variant = await features.GetVariantAsync(name, context, cancellationToken);
            states.Add(new FeatureState(name, enabled, variant?.Name, variant?.Configuration?.Value));
        }

        return [.. states.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    public void Invalidate() => definitions.Invalidate();
}
