using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Application.Vault;
using PasswordManager.Infrastructure.Common.Jobs;
using PasswordManager.Infrastructure.Vault.Jobs;
using PasswordManager.Infrastructure.Vault.Persistence;

namespace PasswordManager.Infrastructure.Vault;

internal static class VaultInfrastructure
{
    public static IServiceCollection AddVaultInfrastructure(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddDbContext<VaultDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", VaultDbContext.Schema)));
        services.AddScoped<IVaultDbContext>(sp =>
        {
            var db = sp.GetRequiredService<VaultDbContext>();
            db.AuditTrail = sp.GetRequiredService<IAuditTrail>();
            return db;
        });
        services.AddSingleton(configuration.GetSection("Vault").Get<VaultPolicy>() ?? new VaultPolicy());

        var interval = configuration.GetValue("Vault:GarbageCollectionInterval", TimeSpan.FromMinutes(5));
        services.AddSingleton<IHostedService>(sp => new VaultMaintenance(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<JobLeases>(), sp.GetRequiredService<ILogger<VaultMaintenance>>(), interval));
        return services;
    }
}
