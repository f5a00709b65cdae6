using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PasswordManager.Infrastructure.Auth.Audit.Persistence;
using PasswordManager.Infrastructure.Auth.Persistence;
using PasswordManager.Infrastructure.Billing.Persistence;
using PasswordManager.Infrastructure.Sharing.Persistence;
using PasswordManager.Infrastructure.Vault.Persistence;
using PasswordManager.Infrastructure.Encryption.Persistence;

namespace PasswordManager.Infrastructure.Common.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build a module context without starting the API.</summary>
internal sealed class AuthDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AuthDbContext>
{
    public AuthDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AuthDbContext>()
        .UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable("__EFMigrationsHistory", "auth"))
        .Options);
}

internal sealed class EncryptionDbContextDesignTimeFactory : IDesignTimeDbContextFactory<EncryptionDbContext>
{
    public EncryptionDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<EncryptionDbContext>()
        .UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable("__EFMigrationsHistory", "encryption"))
        .Options);
}

internal sealed class VaultDbContextDesignTimeFactory : IDesignTimeDbContextFactory<VaultDbContext>
{
    public VaultDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<VaultDbContext>()
        .UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable("__EFMigrationsHistory", "vault"))
        .Options);
}

internal sealed class AuditDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AuditDbContext>
{
    public AuditDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AuditDbContext>()
        .UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable("__EFMigrationsHistory", "audit"))
        .Options);
}

internal sealed class BillingDbContextDesignTimeFactory : IDesignTimeDbContextFactory<BillingDbContext>
{
    public BillingDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<BillingDbContext>()
        .UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable("__EFMigrationsHistory", "billing"))
        .Options);
}

internal sealed class SharingDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SharingDbContext>
{
    public SharingDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SharingDbContext>()
        .UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable("__EFMigrationsHistory", "sharing"))
        .Options);
}
