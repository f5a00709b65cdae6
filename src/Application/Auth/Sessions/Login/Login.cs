using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Accounts;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Auth.Throttling;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.Login;

public sealed record LoginCommand(string Username, string AuthHash, DeviceInfo Device) : ICommand<Result<LoginResult>>;

public sealed record DeviceInfo(Guid Id, string Name, DeviceType Type);

/// <summary>Tokens plus everything a client needs to unlock the account locally.</summary>
public sealed record LoginResult(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    Guid SessionId,
    UnlockMaterial Account)
{
    public string TokenType { get; init; } = "Bearer";

    /// <summary>Set only when the login spent a recovery code.</summary>
    public int? RecoveryCodesRemaining { get; init; }
}

public sealed record UnlockMaterial(
    Guid UserId,
    string Username,
    Guid TenantId,
    TenantRole Role,
    KdfParameters Kdf,
    byte[] KdfSalt,
    byte[] EncryptedUserKey,
    byte[] EncryptedPrivateKeys,
    byte[] PublicKeyBundle)
{
    public static UnlockMaterial Of(User user) => new(
        user.Id.Value, user.Username, user.TenantId.Value, user.Role, user.Kdf, user.KdfSalt,
        user.EncryptedUserKey, user.EncryptedPrivateKeys, user.PublicKeyBundle);
}

public sealed class LoginCommandHandler(
    IAuthDbContext db, IAuthHashHasher hasher, LoginThrottleGuard throttle, DeviceLogin login, AccountStanding standing,
    SignInGate gate, ISecurityEventRecorder events, AuthMetrics metrics, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<LoginCommand, Result<LoginResult>>
{
    private static readonly Dictionary<string, object> PasswordMethod = new() { ["method"] = "password" };

    public async ValueTask<Result<LoginResult>> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var normalized = Username.Normalize(command.Username);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);

        // The throttle is keyed by the name as typed, known or not, so it answers alike for both.
        var blocked = await throttle.CheckAsync(normalized, user, command.Device.Id, cancellationToken);
        if (blocked is not null) return blocked;

        // Unknown users pay for a decoy hash too, so a failed login takes as long either way.
        var verification = hasher.Verify(user?.AuthVerifier, Convert.FromBase64String(command.AuthHash));
        if (user is null || verification == AuthHashVerification.Failed)
        {
            if (user is not null)
                events.Record(user, SecurityEventTypes.LoginFailed, command.Device.Name, PasswordMethod, succeeded: false);
            await throttle.RecordFailureAsync(normalized, user, command.Device.Name, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            metrics.Login("password", "failure");
            return new InvalidCredentials();
        }

        if (await standing.CheckAsync(user, cancellationToken) is { } refused)
        {
            metrics.Login("password", "refused");
            return refused;
        }

        var allowed = await gate.CheckAsync(user, SignInMethod.Password, cancellationToken);
        if (allowed.IsFailure)
        {
            metrics.Login("password", "refused");
            return allowed.Error;
        }

        var now = clock.GetUtcNow();
        if (verification == AuthHashVerification.SucceededRehashNeeded)
            user.UpgradeVerifier(hasher.Hash(Convert.FromBase64String(command.AuthHash)), now);

        // With MFA on, a right authHash earns only a ticket; the throttle is not reset until the second factor is right.
        if (allowed.Value)
        {
            await db.MfaTickets.Where(t => t.UserId == user.Id && (t.ExpiresAt <= now || t.UsedAt != null)).ExecuteDeleteAsync(cancellationToken);
            var ticket = OpaqueToken.Generate();
            var issued = MfaTicket.Issue(
                user.Id, OpaqueToken.Hash(ticket), command.Device.Id, command.Device.Name.Trim(), command.Device.Type, now, policy.MfaTicketLifetime);
            db.MfaTickets.Add(issued);
            await db.SaveChangesAsync(cancellationToken);
            metrics.Login("password", "mfa_required");
            return new MfaRequired(ticket, issued.ExpiresAt);
        }

        await throttle.ResetAsync(normalized, cancellationToken);
        events.Record(user, SecurityEventTypes.Login, command.Device.Name, PasswordMethod);
        var started = await login.StartSessionAsync(user, command.Device.Id, command.Device.Name, command.Device.Type, cancellationToken);
        metrics.Login("password", started.IsSuccess ? "success" : "refused");
        return started;
    }
}
