using System.Diagnostics.Metrics;
using PasswordManager.Application.Common.Metrics;

namespace PasswordManager.Application.Vault;

public sealed class VaultMetrics
{
    private readonly Counter<long> syncs;
    private readonly Counter<long> entriesServed;
    private readonly Counter<long> entriesWritten;
    private readonly Histogram<double> rekeyDuration;
    private readonly Histogram<long> rekeyEntries;

    public VaultMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(ProductMeters.Vault);
        syncs = meter.CreateCounter<long>("passwordmanager.vault.syncs", description: "Sync pages served.");
        entriesServed = meter.CreateCounter<long>("passwordmanager.vault.sync_entries_served", description: "Entry changes served by sync.");
        entriesWritten = meter.CreateCounter<long>("passwordmanager.vault.entries_written", description: "Entry versions and tombstones committed.");
        rekeyDuration = meter.CreateHistogram("passwordmanager.vault.rekey.duration", "s", "Time to check and commit a re-key.", advice: ProductMeters.Seconds);
        rekeyEntries = meter.CreateHistogram("passwordmanager.vault.rekey.entries", "{entry}", "Entries re-encrypted by one re-key.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [10, 100, 1_000, 10_000, 100_000] });
    }

    public void Synced(int entries)
    {
        syncs.Add(1);
        entriesServed.Add(entries);
    }

    /// <summary>The operation is <c>upsert</c> or <c>delete</c>.</summary>
    public void Written(int entries, string operation) => entriesWritten.Add(entries, new KeyValuePair<string, object?>("operation", operation));

    public void Rekeyed(TimeSpan duration, int entries)
    {
        rekeyDuration.Record(duration.TotalSeconds);
        rekeyEntries.Record(entries);
    }
}
