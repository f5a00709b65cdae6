using System.Diagnostics;
using PasswordManager.Application.Contracts.Encryption;
using PasswordManager.Application.Encryption;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Encryption.Adapters;

/// <summary>Counts and times every call of an Encryption Service adapter (<see cref="EncryptionMetrics"/>).</summary>
internal sealed class MeteredEncryptionService(IEncryptionService inner, string adapter, EncryptionMetrics metrics) : IEncryptionService
{
    public Task<Result<EncryptedPayload>> EncryptAsync(TenantId tenant, string encryptionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        MeasureAsync("encrypt", () => inner.EncryptAsync(tenant, encryptionId, data, cancellationToken));

    public Task<Result<byte[]>> DecryptAsync(TenantId tenant, EncryptedPayload payload, CancellationToken cancellationToken) =>
        MeasureAsync("decrypt", () => inner.DecryptAsync(tenant, payload, cancellationToken));

    public Task<Result<IReadOnlyList<EncryptedPayload>>> RewrapAsync(
        TenantId tenant, IReadOnlyList<EncryptedPayload> payloads, CancellationToken cancellationToken) =>
        MeasureAsync("rewrap", () => inner.RewrapAsync(tenant, payloads, cancellationToken));

    private async Task<Result<T>> MeasureAsync<T>(string operation, Func<Task<Result<T>>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await call();
            succeeded = result.IsSuccess;
            return result;
        }
        finally
        {
            metrics.Completed(operation, adapter, succeeded, Stopwatch.GetElapsedTime(started));
        }
    }
}
