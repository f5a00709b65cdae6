using PasswordManager.Api;
using PasswordManager.Api.AdminConsole;
using PasswordManager.Api.Auth.Audit;
using PasswordManager.Api.Auth;
using PasswordManager.Api.Billing;
using PasswordManager.Api.Common.Health;
using PasswordManager.Api.Common.Logging;
using PasswordManager.Api.Common.Security;
using PasswordManager.Api.Common.Telemetry;
using PasswordManager.Api.Common.Validation;
using PasswordManager.Api.Encryption;
using PasswordManager.Api.Sharing;
using PasswordManager.Api.Vault;
using PasswordManager.Application;
using PasswordManager.Infrastructure;
using PasswordManager.Infrastructure.Auth.Audit;
using PasswordManager.Infrastructure.Common.Persistence;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(json =>
{
    json.IncludeScopes = false;
    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
    json.UseUtcTimestamp = true;
});
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long>("Limits:MaxRequestBodyBytes", 1024 * 1024);
});

builder.AddTransportSecurity();

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddApi(builder.Configuration);
builder.Services.AddAdminConsole(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);
builder.ListenForMetrics();

var app = builder.Build();

if (args.Contains("migrate"))
{
    await DatabaseMigrator.MigrateAsync(app.Services, CancellationToken.None);
    app.Logger.LogInformation("Database migrations applied.");
    return;
}

if (AuditCommandLine.Handles(args))
{
    Environment.ExitCode = await AuditCommandLine.RunAsync(args, app.Services, Console.Out, CancellationToken.None);
    return;
}

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
    await DatabaseMigrator.MigrateAsync(app.Services, CancellationToken.None);

app.UseForwardedHeaders();
app.UseMetricsEndpoint();
app.UseAdminConsoleHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestLoggingMiddleware>();
if (app.Configuration.GetValue("Https:Hsts", true)) app.UseHsts();
app.UseMiddleware<RequestSizeLimitMiddleware>();
app.UseMiddleware<RequestTextMiddleware>();
app.UseAuthentication();
app.UseMiddleware<ApiKeyGateMiddleware>();
app.UseAuthorization();
app.UseRateLimiter();
app.UseMiddleware<JsonBodyTextMiddleware>();

app.MapOpenApi();
app.MapScalarApiReference("/docs", scalar => scalar.WithTitle("PasswordManager API"));
app.MapHealth();

app.MapAuth();
app.MapVault();
app.MapEncryption();
app.MapAudit();
app.MapBilling();
app.MapAdminConsole();
app.MapSharing();

await app.RunAsync();

/// <summary>Entry point, public so the test host can start the real pipeline.</summary>
public partial class Program;
