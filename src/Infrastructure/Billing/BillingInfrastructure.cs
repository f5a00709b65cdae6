using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement;
using Npgsql;
using PasswordManager.Application.Billing;
using PasswordManager.Infrastructure.Billing.Flags;
using PasswordManager.Infrastructure.Billing.Jobs;
using PasswordManager.Infrastructure.Billing.Persistence;

namespace PasswordManager.Infrastructure.Billing;

internal static class BillingInfrastructure
{
    private const int PlanLookupPoolSize = 20;

    public static IServiceCollection AddBillingInfrastructure(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddDbContext<BillingDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", BillingDbContext.Schema)));
        services.AddScoped<IBillingDbContext>(sp => sp.GetRequiredService<BillingDbContext>());
        // Plan lookups get a pool of their own (IPlanLookupDbContext says why); they are short reads, so a small pool.
        var planLookups = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "pm-plan-lookups", MaxPoolSize = PlanLookupPoolSize };
        services.AddScoped<IPlanLookupDbContext>(sp => new BillingDbContext(new DbContextOptionsBuilder<BillingDbContext>()
            .UseNpgsql(planLookups.ConnectionString)
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Options));
        var options = configuration.GetSection("Billing").Get<BillingOptions>() ?? new BillingOptions();
        services.AddSingleton(options);
        services.AddHostedService<UsageReconciliation>();

        services.AddSingleton<PostgresFeatureDefinitionProvider>();
        services.AddSingleton<IFeatureDefinitionProvider>(sp => sp.GetRequiredService<PostgresFeatureDefinitionProvider>());
        services.AddFeatureManagement();
        services.AddSingleton<IFeatureFlags, FeatureManagementFlags>();
        var listener = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "pm-flag-changes", MaxPoolSize = 2 };
        services.AddHostedService(sp => new FlagChangeListener(
            NpgsqlDataSource.Create(listener.ConnectionString), sp.GetRequiredService<PostgresFeatureDefinitionProvider>(),
            sp.GetRequiredService<ILogger<FlagChangeListener>>()));
        return services;
    }
}
