using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PasswordManager.Application.Auth.Audit;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Infrastructure.Auth.Audit.Persistence;
using PasswordManager.Infrastructure.Common.Secrets;

namespace PasswordManager.Infrastructure.Auth.Audit;

internal static class AuditInfrastructure
{
    public static IServiceCollection AddAuditInfrastructure(
        this IServiceCollection services, IConfiguration configuration, string connectionString, ServerSecretStore secrets)
    {
        services.AddDbContextPool<AuditDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", AuditDbContext.Schema)));
        services.AddScoped<IAuditDbContext>(sp => sp.GetRequiredService<AuditDbContext>());
        services.AddSingleton<IAuditTrail, PostgresAuditTrail>();

        var options = configuration.GetSection("Audit").Get<AuditOptions>() ?? new AuditOptions();
        if (options.CheckpointInterval <= TimeSpan.Zero) throw new InvalidOperationException("Audit:CheckpointInterval must be positive.");
        if (options.ChainInterval <= TimeSpan.Zero) throw new InvalidOperationException("Audit:ChainInterval must be positive.");
        if (options.Retention is { } retention && retention <= TimeSpan.Zero) throw new InvalidOperationException("Audit:Retention must be positive.");
        services.AddSingleton(options);
        services.AddSingleton(new AuditSigner(secrets.GetOrCreate("audit-signing", options.SigningKey, 32)));
        services.AddScoped(sp => new AuditVerifier(sp.GetRequiredService<AuditDbContext>(), sp.GetRequiredService<AuditSigner>(), options));
        services.AddScoped<IAuditChainVerifier>(sp => sp.GetRequiredService<AuditVerifier>());
        services.AddScoped(sp => new AuditMaintenance(
            sp.GetRequiredService<AuditDbContext>(), sp.GetRequiredService<AuditSigner>(), sp.GetRequiredService<AuditVerifier>(), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuditMaintenance>>()));
        if (options.MaintenanceEnabled) services.AddHostedService<AuditMaintenanceWorker>();
        if (options.ChainInBackground) services.AddHostedService<AuditChainWorker>();
        return services;
    }
}
