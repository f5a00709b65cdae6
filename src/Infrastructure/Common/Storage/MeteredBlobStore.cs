using System.Diagnostics;
using System.Diagnostics.Metrics;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Common.Metrics;

namespace PasswordManager.Infrastructure.Common.Storage;

/// <summary>Latency and errors of every blob store call, tagged by operation and store kind only (never a key).</summary>
internal sealed class MeteredBlobStore : IBlobStore
{
    private readonly IBlobStore inner;
    private readonly KeyValuePair<string, object?> store;
    private readonly Histogram<double> duration;
    private readonly Counter<long> errors;

    public MeteredBlobStore(IBlobStore inner, string storeKind, IMeterFactory meters)
    {
        this.inner = inner;
        store = new("store", storeKind);
        var meter = meters.Create(ProductMeters.Storage);
        duration = meter.CreateHistogram("passwordmanager.blobstore.operation.duration", "s", "Blob store call latency.", advice: ProductMeters.Seconds);
        errors = meter.CreateCounter<long>("passwordmanager.blobstore.errors", description: "Blob store calls that threw.");
    }

    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken) =>
        MeasureAsync("put", async () => { await inner.PutAsync(key, content, cancellationToken); return true; });

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        MeasureAsync("read", () => inner.OpenReadAsync(key, cancellationToken));

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        MeasureAsync("exists", () => inner.ExistsAsync(key, cancellationToken));

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        MeasureAsync("delete", async () => { await inner.DeleteAsync(key, cancellationToken); return true; });

    public Task<Uri?> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken) =>
        MeasureAsync("read_url", () => inner.GetReadUrlAsync(key, lifetime, cancellationToken));

    public Task CheckHealthAsync(CancellationToken cancellationToken) =>
        MeasureAsync("health", async () => { await inner.CheckHealthAsync(cancellationToken); return true; });

    private async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var tag = new KeyValuePair<string, object?>("operation", operation);
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            errors.Add(1, tag, store);
            throw;
        }
        finally
        {
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag, store);
        }
    }
}
