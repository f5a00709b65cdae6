using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Billing;
using PasswordManager.Infrastructure.Billing.Jobs;
using PasswordManager.Infrastructure.Billing.Persistence;

namespace PasswordManager.Infrastructure.Billing;

internal static class BillingInfrastructure
{
    public static IServiceCollection AddBillingInfrastructure(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddDbContext<BillingDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", BillingDbContext.Schema)));
        services.AddScoped<IBillingDbContext>(sp => sp.GetRequiredService<BillingDbContext>());
        var options = configuration.GetSection("Billing").Get<BillingOptions>() ?? new BillingOptions();
        services.AddSingleton(options);
        services.AddHostedService<UsageReconciliation>();
        return services;
    }
}
