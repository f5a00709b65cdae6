using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using InfrastructureServices = PasswordManager.Infrastructure.DependencyInjection;

namespace PasswordManager.Api.Common.Health;

/// <summary>
/// <c>/health/live</c>: the process serves. <c>/health/ready</c>: it can serve requests, i.e. PostgreSQL answers — the
/// blob store is left out, because most requests (sync, login, every entry stored inline) need no blob and the ones that
/// do answer their own 503 <c>server.blob_store_unavailable</c> (ADR-0030). <c>/health/dependencies</c>: every
/// dependency by name, the blob store included, as JSON, 503 when any one is down — for monitoring, not for routing.
/// </summary>
internal static class HealthEndpoints
{
    internal static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(InfrastructureServices.ReadinessTag) })
            .AllowAnonymous();
        app.MapHealthChecks("/health/dependencies", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(InfrastructureServices.DependencyTag),
            ResponseWriter = WriteDependenciesAsync,
        }).AllowAnonymous();
    }

    /// <summary>Names and states only: a check's description or exception could name hosts or paths.</summary>
    private static Task WriteDependenciesAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }, cancellationToken: context.RequestAborted);
    }
}
