using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PasswordManager.Application.Common.Metrics;

namespace PasswordManager.Api.Common.Telemetry;

/// <summary>Configuration section <c>Metrics</c>: where the Prometheus scrape endpoint answers, if anywhere.</summary>
internal sealed class MetricsOptions
{
    /// <summary>A separate listener (<c>http://127.0.0.1:9464</c>) that serves <c>/metrics</c> and nothing else needs.</summary>
    public string? ListenUrl { get; set; }

    /// <summary>Without <see cref="ListenUrl"/>: <c>/metrics</c> on the API's own port, for <c>Authorization: Bearer {token}</c> only.</summary>
    public string? ScrapeToken { get; set; }

    public bool Exposed => ListenUrl is not null || !string.IsNullOrEmpty(ScrapeToken);
}

internal static class Telemetry
{
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// Metrics from ASP.NET Core, HttpClient, the runtime, Npgsql and the product's meters, for the Prometheus exporter;
    /// traces of the same sources go to OTLP only when <c>Telemetry:OtlpEndpoint</c> is set.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var metrics = configuration.GetSection("Metrics").Get<MetricsOptions>() ?? new MetricsOptions();
        services.AddSingleton(metrics);
        var otel = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("passwordmanager-api", autoGenerateServiceInstanceId: false));
        otel.WithMetrics(meters => meters
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Npgsql")
            .AddMeter(ProductMeters.All)
            .AddPrometheusExporter());

        var otlp = configuration["Telemetry:OtlpEndpoint"];
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != ScrapePath)
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }

        return services;
    }

    /// <summary>Adds the metrics listener to the server's addresses when one is configured.</summary>
    public static void ListenForMetrics(this WebApplicationBuilder builder)
    {
        var listenUrl = builder.Configuration["Metrics:ListenUrl"];
        if (string.IsNullOrWhiteSpace(listenUrl)) return;
        var urls = builder.Configuration["urls"];
        builder.WebHost.UseUrls([.. (urls ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries), listenUrl]);
    }

    /// <summary>
    /// <c>/metrics</c> answers only on the metrics listener, or on the API port with the scrape token; otherwise the path is
    /// unknown (404) like any other.
    /// </summary>
    public static void UseMetricsEndpoint(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MetricsOptions>();
        if (!options.Exposed) return;
        var metricsPort = options.ListenUrl is { } url ? new Uri(url).Port : (int?)null;
        var token = Encoding.UTF8.GetBytes("Bearer " + options.ScrapeToken);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == ScrapePath,
            path: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                var allowed = metricsPort is { } port
                    ? context.Connection.LocalPort == port
                    : CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()), token);
                if (!allowed)
                {
                    context.Response.StatusCode = metricsPort is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            }),
            optionsName: null);
    }
}
