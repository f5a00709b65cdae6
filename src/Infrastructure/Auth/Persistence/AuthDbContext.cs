using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PasswordManager.Application.Auth;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.ApiKeys;
using PasswordManager.Domain.Auth.Email;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Throttling;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence;

public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : DbContext(options), IAuthDbContext, IDataProtectionKeyContext
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

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ConsoleLink> ConsoleLinks => Set<ConsoleLink>();

    public DbSet<OidcSignIn> OidcSignIns => Set<OidcSignIn>();

    public DbSet<OidcIdentity> OidcIdentities => Set<OidcIdentity>();

    /// <summary>Set when the context is resolved as <see cref="IAuthDbContext"/>; security events need it to reach the audit log.</summary>
    internal IAuditTrail? AuditTrail { get; set; }

    public void DiscardChanges() => ChangeTracker.Clear();

    /// <summary>
    /// Saves, and appends every new security event to the tenant's audit log in the same transaction (one is opened when
    /// none is): the event and its audit row commit or roll back with the action.
    /// </summary>
    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        var events = ChangeTracker.Entries<SecurityEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (events.Count == 0) return await base.SaveChangesAsync(cancellationToken);
        var audit = AuditTrail ?? throw new InvalidOperationException("Security events are recorded through IAuthDbContext, which carries the audit trail.");

        var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(Database.CurrentTransaction!.GetDbTransaction(), events.Select(ToAuditRecord).ToList(), cancellationToken);
            if (owned is not null) await owned.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }

    private static AuditRecord ToAuditRecord(SecurityEvent e) => new(
        e.TenantId.Value, e.UserId.Value, e.Type, e.Outcome, e.ObjectType, e.ObjectId, e.OccurredAt, e.IpAddress, e.DeviceName, e.Details);

    public Task LockUserAsync(UserId userId, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT 1 FROM auth.users WHERE id = {userId.Value} FOR UPDATE", cancellationToken);

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
