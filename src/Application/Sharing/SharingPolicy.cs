namespace PasswordManager.Application.Sharing;

/// <summary>
/// The access log's retention and resolution. Configured under <c>Vault:AccessLogRetention</c> and
/// <c>Vault:AccessLogResolution</c>, the keys operators set before the access log moved to Sharing (ADR-0031).
/// </summary>
public sealed class SharingPolicy
{
    /// <summary>How long the access log (which member fetched which entry, ADR-0014) keeps a row after its last fetch.</summary>
    public TimeSpan AccessLogRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>An access-log row's last fetch time is refreshed at most this often (a higher version always is), so repeated syncs write nothing.</summary>
    public TimeSpan AccessLogResolution { get; set; } = TimeSpan.FromMinutes(15);
}
