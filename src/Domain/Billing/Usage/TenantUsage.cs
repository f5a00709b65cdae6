using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Billing.Usage;

/// <summary>
/// A tenant's counted usage, changed in the same transaction as the write it counts. The reconciliation job
/// recounts it from the source tables and keeps the last difference it corrected.
/// </summary>
public sealed class TenantUsage
{
    private TenantUsage() { }

    public TenantId TenantId { get; private set; }
    public long Vaults { get; private set; }
    public long Entries { get; private set; }
    public long AttachmentBytes { get; private set; }
    public DateTimeOffset? ReconciledAt { get; private set; }

    /// <summary>What the last reconciliation corrected (counted minus recorded), e.g. <c>{"entries":-1}</c>; null when nothing.</summary>
    public string? LastDrift { get; private set; }

    public static TenantUsage Empty(TenantId tenant) => new() { TenantId = tenant };

    public long CountOf(string key) => key switch
    {
        Plans.EntitlementKey.Vaults => Vaults,
        Plans.EntitlementKey.Entries => Entries,
        Plans.EntitlementKey.AttachmentBytes => AttachmentBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a counted entitlement."),
    };
}
