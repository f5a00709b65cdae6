using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Sharing;
using PasswordManager.Infrastructure.Sharing.Persistence;

namespace PasswordManager.Infrastructure.Sharing;

internal static class SharingInfrastructure
{
    public static IServiceCollection AddSharingInfrastructure(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<SharingDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", SharingDbContext.Schema)));
        services.AddScoped<ISharingDbContext>(sp => sp.GetRequiredService<SharingDbContext>());
        return services;
    }
}
