using System.Diagnostics.Metrics;
using PasswordManager.Application.Common.Metrics;

namespace PasswordManager.Application.Encryption;

public sealed class EncryptionMetrics
{
    private readonly Counter<long> operations;
    private readonly Histogram<double> duration;

    public EncryptionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(ProductMeters.Encryption);
        operations = meter.CreateCounter<long>("passwordmanager.encryption.operations", description: "Encryption Service calls by operation and outcome.");
        duration = meter.CreateHistogram("passwordmanager.encryption.operation.duration", "s", "Encryption Service call latency.", advice: ProductMeters.Seconds);
    }

    /// <summary>Operations are <c>encrypt</c>, <c>decrypt</c>, <c>rewrap</c>; adapters <c>in_process</c>, <c>remote</c>.</summary>
    public void Completed(string operation, string adapter, bool succeeded, TimeSpan elapsed)
    {
        KeyValuePair<string, object?>[] tags =
        [
            new("operation", operation), new("adapter", adapter), new("outcome", succeeded ? "success" : "failure"),
        ];
        operations.Add(1, tags);
        duration.Record(elapsed.TotalSeconds, tags);
    }
}
