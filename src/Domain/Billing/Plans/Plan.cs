namespace PasswordManager.Domain.Billing.Plans;

/// <summary>A plan is data: its <see cref="Id"/> is a stable code (<c>free</c>, <c>teams</c>), its entitlements editable.</summary>
public sealed class Plan
{
    public const int MaxIdLength = 40;
    public const int MaxNameLength = 100;

    private Plan() { }

    public string Id { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public Entitlements Entitlements { get; private set; } = null!;
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Plan Create(string id, string name, Entitlements entitlements, DateTimeOffset now) =>
        new() { Id = id, Name = name, Entitlements = entitlements, UpdatedAt = now };

    public void Update(string name, Entitlements entitlements, DateTimeOffset now) => (Name, Entitlements, UpdatedAt) = (name, entitlements, now);
}

/// <summary>The plans every instance starts with (seeded by the Billing migrations).</summary>
public static class SeededPlans
{
    public const string Free = "free";
    public const string Premium = "premium";
    public const string Family = "family";
    public const string Teams = "teams";
    public const string Enterprise = "enterprise";
    public const string SelfHostedUnlimited = "self-hosted-unlimited";

    private const long MiB = 1024 * 1024;

    public static IReadOnlyList<(string Id, string Name, Entitlements Entitlements)> All { get; } =
    [
        (Free, "Free", new Entitlements(2, 200, 0, 0, 2, 5, false, false, ["totp"], false, false)),
        (Premium, "Premium", new Entitlements(20, 5_000, 1024 * MiB, 2, 10, 50, true, true, ["totp"], true, false)),
        (Family, "Family", new Entitlements(50, 20_000, 5 * 1024 * MiB, 6, 30, 50, true, true, ["totp"], true, false)),
        (Teams, "Teams", new Entitlements(500, 200_000, 50 * 1024 * MiB, 100, 500, 100, true, true, ["totp"], true, true)),
        (Enterprise, "Enterprise", new Entitlements(null, null, 500 * 1024 * MiB, null, null, 200, true, true, ["totp"], true, true)),
        (SelfHostedUnlimited, "Self-hosted unlimited", Entitlements.Unlimited),
    ];
}
