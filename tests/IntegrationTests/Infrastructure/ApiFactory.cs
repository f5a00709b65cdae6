using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using PasswordManager.IntegrationTests.Auth.Oidc;

namespace PasswordManager.IntegrationTests.Infrastructure;

/// <summary>The real API pipeline on the real test database, with a temporary data folder.</summary>
internal sealed class ApiFactory(IReadOnlyDictionary<string, string?>? overrides = null) : WebApplicationFactory<Program>
{
    public const string SigningKeyBase64 = "dGVzdC1zaWduaW5nLWtleS0wMTIzNDU2Nzg5YWJjZGVmZ2hpams=";
    public const string Issuer = "passwordmanager";
    public const string Audience = "passwordmanager-api";
    public const string WebhookSecret = "test-billing-webhook-secret";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("pm-it-").FullName;

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = TestEnvironment.Database,
            ["DataDirectory"] = DataDirectory,
            ["Database:MigrateOnStartup"] = "true",
            ["RateLimiting:CredentialRequestsPerMinute"] = "100000",
            ["Auth:Jwt:SigningKey"] = SigningKeyBase64,
            ["Auth:InstanceAdministrators:0"] = "root-admin",
            ["Auth:MailRequestMinimumDuration"] = "00:00:00.100",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = TestEnvironment.SmtpPort,
            ["Email:Smtp:Security"] = "None",
            // Tests deliver the outbox themselves (TestMail.DeliverAsync), so they decide when mail goes out.
            ["Email:Outbox:Enabled"] = "false",
            ["Email:Outbox:RetryBaseDelay"] = "00:00:01",
            // Tests sign and prune audit checkpoints when they mean to; a background run would race them.
            ["Audit:MaintenanceEnabled"] = "false",
            // Readers chain queued audit events themselves; tests chain when they mean to (AuditLogTests.ChainAsync), and a
            // background chainer would race the database reset between tests.
            ["Audit:ChainInBackground"] = "false",
            ["Billing:WebhookSecret"] = WebhookSecret,
        };
        foreach (var (key, value) in TestOidc.Settings) settings[key] = value;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Directory.Delete(DataDirectory, recursive: true);
    }
}
