using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PasswordManager.Application.Auth;
using PasswordManager.Domain.Auth.ApiKeys;
using PasswordManager.Domain.Auth.Email;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Throttling;
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

    public DbSet<TotpAuthenticator> TotpAuthenticators => Set<TotpAuthenticator>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<MfaTicket> MfaTickets => Set<MfaTicket>();

    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();

    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    public DbSet<UsernameReservation> UsernameReservations => Set<UsernameReservation>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    public DbSet<MagicLink> MagicLinks => Set<MagicLink>();

    public void DiscardChanges() => ChangeTracker.Clear();

    public async Task<IAuthTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        new Transaction(await Database.BeginTransactionAsync(cancellationToken));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(AuthDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(AuthDbContext).Namespace!, StringComparison.Ordinal) == true);
    }

    private sealed class Transaction(IDbContextTransaction transaction) : IAuthTransaction
    {
        public System.Data.Common.DbTransaction Shared => transaction.GetDbTransaction();

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
