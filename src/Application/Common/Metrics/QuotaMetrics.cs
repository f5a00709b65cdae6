using System.Diagnostics.Metrics;

namespace PasswordManager.Application.Common.Metrics;

/// <summary>
/// The port through which quota checks report a refusal (<c>passwordmanager.billing.quota_rejections</c>). The quota is
/// one of a fixed set of entitlement names (<c>entries</c>, <c>vaults</c>, <c>devices</c>, <c>attachment_bytes</c>,
/// <c>sharing</c>, …), never a tenant or plan name.
/// </summary>
public sealed class QuotaMetrics
{
    private readonly Counter<long> rejections;

    public QuotaMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        rejections = meters.Create(ProductMeters.Billing)
            .CreateCounter<long>("passwordmanager.billing.quota_rejections", description: "Writes refused because a plan limit was reached.");
    }

    public void Rejected(string quota) => rejections.Add(1, new KeyValuePair<string, object?>("quota", quota));
}
