using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Infrastructure.Auth.Audit.Persistence;
using PasswordManager.Infrastructure.Auth.Persistence;
using PasswordManager.Infrastructure.Billing.Persistence;
using PasswordManager.Infrastructure.Encryption.Persistence;
using PasswordManager.Infrastructure.Sharing.Persistence;
using PasswordManager.Infrastructure.Vault.Persistence;

namespace PasswordManager.Infrastructure.Common.Persistence;

/// <summary>Applies every module's migrations, each in its own schema, in a fixed order.</summary>
public static class DatabaseMigrator
{
    /// <summary>
    /// The module DbContexts, in the order their migrations are applied. Sharing comes after Vault: its first migration
    /// moves a table Vault's migrations created (ADR-0031).
    /// </summary>
    public static readonly IReadOnlyList<Type> ModuleContexts =
        [typeof(AuthDbContext), typeof(VaultDbContext), typeof(EncryptionDbContext), typeof(AuditDbContext), typeof(BillingDbContext), typeof(SharingDbContext)];

    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromHours(1);

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var contextType in ModuleContexts)
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
            // A migration may rewrite a large table: the request-sized statement bound (ADR-0030) does not apply.
            context.Database.SetCommandTimeout(MigrationTimeout);
            await context.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await context.Database.ExecuteSqlRawAsync("SET statement_timeout = 0", cancellationToken);
                await context.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }
        }
    }
}
