using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Billing.Flags;

/// <summary>
/// A feature flag as data. When <see cref="Enabled"/>, it is on for the listed tenants, users and plans, and for
/// <see cref="RolloutPercentage"/> percent of everyone else (stable per user). A variant flag also names the
/// variant a caller gets when the flag is on for them and when it is off.
/// </summary>
public sealed class FeatureFlag
{
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 500;
    public const int MaxTargets = 1000;
    public const int MaxVariants = 20;
    public const int MaxVariantValueLength = 500;

    /// <summary>Names starting with this are the plan entitlements shown as flags; no stored flag may take them.</summary>
    public const string EntitlementPrefix = "entitlement.";

    private FeatureFlag() { }

    public string Name { get; private set; } = null!;
    public string? Description { get; private set; }
    public bool Enabled { get; private set; }
    public Guid[] Tenants { get; private set; } = [];
    public Guid[] Users { get; private set; } = [];
    public string[] Plans { get; private set; } = [];
    public int RolloutPercentage { get; private set; }
    public IReadOnlyList<FlagVariant> Variants { get; private set; } = [];
    public string? VariantWhenEnabled { get; private set; }
    public string? VariantWhenDisabled { get; private set; }
    public UserId UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static FeatureFlag Create(string name, UserId by, DateTimeOffset now) => new() { Name = name, UpdatedBy = by, UpdatedAt = now };

    public void Set(FlagSettings settings, UserId by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        (Description, Enabled, Tenants, Users, Plans, RolloutPercentage) =
            (settings.Description, settings.Enabled, [.. settings.Tenants], [.. settings.Users], [.. settings.Plans], settings.RolloutPercentage);
        (Variants, VariantWhenEnabled, VariantWhenDisabled, UpdatedBy, UpdatedAt) =
            ([.. settings.Variants], settings.VariantWhenEnabled, settings.VariantWhenDisabled, by, now);
    }
}

public sealed record FlagVariant(string Name, string? Value);

public sealed record FlagSettings(
    string? Description,
    bool Enabled,
    IReadOnlyList<Guid> Tenants,
    IReadOnlyList<Guid> Users,
    IReadOnlyList<string> Plans,
    int RolloutPercentage,
    IReadOnlyList<FlagVariant> Variants,
    string? VariantWhenEnabled,
    string? VariantWhenDisabled);
