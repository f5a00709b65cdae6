using Microsoft.Extensions.Diagnostics.HealthChecks;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Infrastructure.Auth.Persistence;

namespace PasswordManager.Infrastructure.Common.Health;

internal sealed class DatabaseHealthCheck(AuthDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("PostgreSQL cannot be reached.");
}

internal sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await blobs.CheckHealthAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The blob store cannot be reached or written.");
        }
    }
}
