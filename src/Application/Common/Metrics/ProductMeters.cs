using System.Diagnostics.Metrics;

namespace PasswordManager.Application.Common.Metrics;

/// <summary>
/// The product's own meters, one per module. Their tags are small fixed sets (method, outcome, operation): never a user,
/// vault, tenant, entry or key id, and never a name, so a scrape reveals nothing about who uses the server and the number
/// of series stays constant.
/// </summary>
public static class ProductMeters
{
    public const string Auth = "PasswordManager.Auth";
    public const string Vault = "PasswordManager.Vault";
    public const string Encryption = "PasswordManager.Encryption";
    public const string Storage = "PasswordManager.Storage";
    public const string Billing = "PasswordManager.Billing";

    public static readonly string[] All = [Auth, Vault, Encryption, Storage, Billing];

    /// <summary>Bucket boundaries for latencies in seconds, from a millisecond to ten seconds.</summary>
    public static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };
}
