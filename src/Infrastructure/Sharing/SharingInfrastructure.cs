using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Application.Sharing;
using PasswordManager.Infrastructure.Common.Jobs;
using PasswordManager.Infrastructure.Sharing.Jobs;
using PasswordManager.Infrastructure.Sharing.Persistence;

namespace PasswordManager.Infrastructure.Sharing;

internal static class SharingInfrastructure
{
    public static IServiceCollection AddSharingInfrastructure(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddDbContext<SharingDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", SharingDbContext.Schema)));
        services.AddScoped<ISharingDbContext>(sp => sp.GetRequiredService<SharingDbContext>());
        // The access log's settings kept their Vault:* keys when it moved to Sharing (ADR-0031).
        services.AddSingleton(configuration.GetSection("Vault").Get<SharingPolicy>() ?? new SharingPolicy());

        var interval = configuration.GetValue("Vault:GarbageCollectionInterval", TimeSpan.FromMinutes(5));
        services.AddSingleton<IHostedService>(sp => new SharingMaintenance(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<JobLeases>(), sp.GetRequiredService<ILogger<SharingMaintenance>>(), interval));
        return services;
    }
}
