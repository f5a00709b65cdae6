using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using PasswordManager.Application.Billing;
using PasswordManager.Domain.Billing.Flags;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Infrastructure.Billing.Persistence;

namespace PasswordManager.Infrastructure.Billing.Flags;

/// <summary>
/// Feature definitions from the <c>billing</c> schema: every stored flag as a targeting filter (users, <c>tenant:</c> and
/// <c>plan:</c> groups, a default rollout percentage) with its variants, and every entitlement as
/// <c>entitlement.&lt;key&gt;</c>, on for the plans that include it and adjusted per tenant by overrides. The definitions
/// are cached for <c>Billing:FlagCacheLifetime</c> at most; a change notification drops the cache at once.
/// </summary>
internal sealed class PostgresFeatureDefinitionProvider(IServiceScopeFactory scopes, BillingOptions options, TimeProvider clock)
    : IFeatureDefinitionProvider, IDisposable
{
    public const string TargetingFilter = "Microsoft.Targeting";

    private readonly SemaphoreSlim loading = new(1, 1);
    private Snapshot? snapshot;
    private long generation;

    public void Invalidate() => Interlocked.Increment(ref generation);

    public void Dispose() => loading.Dispose();

    public async Task<FeatureDefinition?> GetFeatureDefinitionAsync(string featureName) =>
        (await CurrentAsync()).Definitions.GetValueOrDefault(featureName);

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        foreach (var definition in (await CurrentAsync()).Definitions.Values) yield return definition;
    }

    private async Task<Snapshot> CurrentAsync()
    {
        var current = snapshot;
        if (IsFresh(current)) return current!;
        await loading.WaitAsync();
        try
        {
            if (IsFresh(snapshot)) return snapshot!;
            // Read the generation before loading: a change announced during the load makes this snapshot stale at once.
            var loadedGeneration = Interlocked.Read(ref generation);
            snapshot = new Snapshot(await LoadAsync(), clock.GetUtcNow(), loadedGeneration);
            return snapshot;
        }
        finally
        {
            loading.Release();
        }
    }

    private bool IsFresh(Snapshot? current) =>
        current is not null && current.Generation == Interlocked.Read(ref generation) && clock.GetUtcNow() - current.LoadedAt < options.FlagCacheLifetime;

    private async Task<Dictionary<string, FeatureDefinition>> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        var flags = await db.Flags.AsNoTracking().ToListAsync();
        var plans = await db.Plans.AsNoTracking().ToListAsync();
        var overrides = await db.EntitlementOverrides.AsNoTracking().ToListAsync();
        var definitions = flags.Select(Define).ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var key in EntitlementKey.All)
        {
            var included = plans.Where(p => p.Entitlements.LimitOf(key) != 0).Select(p => FlagGroups.Plan(p.Id));
            var tenantValues = overrides.Where(o => o.Key == key && Entitlements.IsValidValue(o.Key, o.Value))
                .Select(o => (Group: FlagGroups.Tenant(o.TenantId.Value), On: Entitlements.Unlimited.With(key, o.Value).LimitOf(key) != 0))
                .ToList();
            var name = FeatureFlag.EntitlementPrefix + key;
            definitions[name] = new FeatureDefinition
            {
                Name = name,
                EnabledFor = [Targeting(
                    users: [],
                    groups: [.. included, .. tenantValues.Where(t => t.On).Select(t => t.Group)],
                    excludedGroups: [.. tenantValues.Where(t => !t.On).Select(t => t.Group)],
                    defaultRolloutPercentage: 0)],
            };
        }

        return definitions;
    }

    private static FeatureDefinition Define(FeatureFlag flag) => new()
    {
        Name = flag.Name,
        Status = flag.Enabled ? FeatureStatus.Conditional : FeatureStatus.Disabled,
        EnabledFor = [Targeting(
            [.. flag.Users.Select(u => u.ToString("D"))],
            [.. flag.Tenants.Select(FlagGroups.Tenant), .. flag.Plans.Select(FlagGroups.Plan)],
            [],
            flag.RolloutPercentage)],
        Variants = [.. flag.Variants.Select(v => new VariantDefinition { Name = v.Name, ConfigurationValue = Value(v.Value) })],
        Allocation = flag.Variants.Count == 0
            ? null
            : new Allocation { DefaultWhenEnabled = flag.VariantWhenEnabled, DefaultWhenDisabled = flag.VariantWhenDisabled },
    };

    private static FeatureFilterConfiguration Targeting(
        IReadOnlyList<string> users, IReadOnlyList<string> groups, IReadOnlyList<string> excludedGroups, int defaultRolloutPercentage)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Audience:DefaultRolloutPercentage"] = defaultRolloutPercentage.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < users.Count; i++) settings[$"Audience:Users:{i}"] = users[i];
        for (var i = 0; i < groups.Count; i++)
        {
            settings[$"Audience:Groups:{i}:Name"] = groups[i];
            settings[$"Audience:Groups:{i}:RolloutPercentage"] = "100";
        }

        for (var i = 0; i < excludedGroups.Count; i++) settings[$"Audience:Exclusion:Groups:{i}"] = excludedGroups[i];
        return new FeatureFilterConfiguration
        {
            Name = TargetingFilter,
            Parameters = new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
        };
    }

    private static IConfigurationSection Value(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["value"] = value }).Build().GetSection("value");

    private sealed record Snapshot(Dictionary<string, FeatureDefinition> Definitions, DateTimeOffset LoadedAt, long Generation);
}
