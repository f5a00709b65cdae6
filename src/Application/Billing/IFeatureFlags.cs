namespace PasswordManager.Application.Billing;

/// <summary>
/// Evaluates every feature flag (stored flags and the plan entitlements shown as <c>entitlement.&lt;key&gt;</c> flags) for a
/// caller. Definitions come from PostgreSQL through a short cache that every process drops when a change is announced.
/// </summary>
public interface IFeatureFlags
{
    /// <summary>
    /// Every flag for the caller: <paramref name="userId"/> for user targeting and the stable percentage rollout, and
    /// <paramref name="groups"/> (<c>tenant:&lt;id&gt;</c>, <c>plan:&lt;id&gt;</c>) for tenant and plan targeting.
    /// </summary>
    Task<IReadOnlyList<FeatureState>> EvaluateAsync(string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken);

    /// <summary>Forgets the cached definitions of this process (the next evaluation reads them again).</summary>
    void Invalidate();
}

/// <summary>One flag for one caller: whether it is on, and for a variant flag the variant and its value.</summary>
public sealed record FeatureState(string Name, bool Enabled, string? Variant, string? Value);
