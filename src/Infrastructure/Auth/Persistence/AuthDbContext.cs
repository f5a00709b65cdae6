using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth;
using PasswordManager.Domain.Auth.ApiKeys;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Infrastructure.Auth.Persistence;

public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : DbContext(options), IAuthDbContext
{
    internal const string Schema = "auth";

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<DeviceSession> Sessions => Set<DeviceSession>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public void DiscardChanges() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(AuthDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(AuthDbContext).Namespace!, StringComparison.Ordinal) == true);
    }
}
