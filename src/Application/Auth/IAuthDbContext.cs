using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.ApiKeys;
using PasswordManager.Domain.Auth.Email;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Auth.Throttling;

namespace PasswordManager.Application.Auth;

/// <summary>The Auth module's persistence port (schema <c>auth</c>).</summary>
public interface IAuthDbContext
{
    DbSet<Tenant> Tenants { get; }

    DbSet<User> Users { get; }

    DbSet<Invitation> Invitations { get; }

    DbSet<DeviceSession> Sessions { get; }

    DbSet<RefreshToken> RefreshTokens { get; }

    DbSet<ApiKey> ApiKeys { get; }

    DbSet<TotpAuthenticator> TotpAuthenticators { get; }

    DbSet<RecoveryCode> RecoveryCodes { get; }

    DbSet<MfaTicket> MfaTickets { get; }

    DbSet<LoginThrottle> LoginThrottles { get; }

    DbSet<SecurityEvent> SecurityEvents { get; }

    DbSet<UsernameReservation> UsernameReservations { get; }

    DbSet<OutboxEmail> OutboxEmails { get; }

    DbSet<MagicLink> MagicLinks { get; }
    DbSet<OidcSignIn> OidcSignIns { get; }
    DbSet<OidcIdentity> OidcIdentities { get; }

    DbSet<ConsoleLink> ConsoleLinks { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every tracked change, so a use case can retry after losing a race.</summary>
    void DiscardChanges();

    /// <summary>Locks the user's row until the open transaction ends, so that two logins of one account are counted one at a time.</summary>
    Task LockUserAsync(UserId userId, CancellationToken cancellationToken);

    /// <summary>A transaction other modules may join (through a contract carrying its <see cref="IAuthTransaction.Shared"/>).</summary>
    Task<IAuthTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}

/// <summary>An open transaction of the Auth context; disposing it without <see cref="CommitAsync"/> rolls back.</summary>
public interface IAuthTransaction : IAsyncDisposable
{
    /// <summary>The ADO.NET transaction, for another module's context to join.</summary>
    DbTransaction Shared { get; }

    Task CommitAsync(CancellationToken cancellationToken);
}
