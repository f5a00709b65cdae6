using PasswordManager.Domain.Billing.Plans;

namespace PasswordManager.Application.Billing.Plans;

internal static class EntitlementInput
{
    /// <summary>
    /// Plans start with nothing included; an admin names what a plan gives. Signing in with the master password is not a
    /// feature but the way in, so it stays allowed unless named.
    /// </summary>
    public static readonly Entitlements Nothing = new(0, 0, 0, 0, 0, 0, false, false, [], false, false, PasswordLoginAllowed: true, MfaRequired: false);

    public static bool AreValid(IReadOnlyDictionary<string, string>? values) =>
        values is null || (values.Count <= EntitlementKey.All.Count && values.All(v => Entitlements.IsValidValue(v.Key, v.Value)));

    public static Entitlements Apply(Entitlements start, IReadOnlyDictionary<string, string>? values) =>
        values is null ? start : values.Aggregate(start, (e, v) => e.With(v.Key, v.Value));

    public const string Message = "entitlements must map known keys to valid values: a number or \"unlimited\" for limits, true/false for features, a comma list of totp for mfa_methods.";
}
