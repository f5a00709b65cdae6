using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Accounts;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Application.Auth.Throttling;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.LoginMfa;

/// <summary>The second step of a login with MFA on: the ticket from <c>auth.mfa_required</c> plus a TOTP code or a recovery code.</summary>
public sealed record LoginMfaCommand(string Ticket, Guid DeviceId, string? Code, string? RecoveryCode) : ICommand<Result<LoginResult>>;

public sealed class LoginMfaCommandHandler(
    IAuthDbContext db, SecondFactor secondFactor, LoginThrottleGuard throttle, DeviceLogin login, AccountStanding standing, ISecurityEventRecorder events,
    AuthMetrics metrics,
    TimeProvider clock)
    : ICommandHandler<LoginMfaCommand, Result<LoginResult>>
{
    public async ValueTask<Result<LoginResult>> Handle(LoginMfaCommand command, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.Hash(command.Ticket);
        var ticket = await db.MfaTickets.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (ticket is null || !ticket.IsUsableBy(command.DeviceId, clock.GetUtcNow())) return new MfaTicketInvalid();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == ticket.UserId, cancellationToken);
        if (user is null) return new MfaTicketInvalid();

        var blocked = await throttle.CheckAsync(user.NormalizedUsername, user, ticket.DeviceId, cancellationToken);
        if (blocked is not null) return blocked;

        var check = await secondFactor.VerifyAsync(user, command.Code, command.RecoveryCode, cancellationToken);
        if (!check.Accepted)
        {
            events.Record(user, SecurityEventTypes.LoginFailed, ticket.DeviceName,
                new Dictionary<string, object> { ["method"] = command.RecoveryCode is null ? "totp" : "recovery_code" }, succeeded: false);
            await throttle.RecordFailureAsync(user.NormalizedUsername, user, ticket.DeviceName, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            metrics.Login(command.RecoveryCode is null ? "totp" : "recovery_code", "failure");
            return new MfaCodeInvalid();
        }

        if (await standing.CheckAsync(user, cancellationToken) is { } refused) return refused;

        var consumed = await db.MfaTickets
            .Where(t => t.Id == ticket.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, clock.GetUtcNow()), cancellationToken);
        if (consumed != 1) return new MfaTicketInvalid();

        await throttle.ResetAsync(user.NormalizedUsername, cancellationToken);
        var method = check.UsedRecoveryCode ? "recovery_code" : "totp";
        events.Record(user, SecurityEventTypes.LoginWithMfa, ticket.DeviceName, new Dictionary<string, object> { ["method"] = method });
        if (check.UsedRecoveryCode)
        {
            events.Record(user, SecurityEventTypes.RecoveryCodeUsed, ticket.DeviceName,
                new Dictionary<string, object> { ["remaining"] = check.RecoveryCodesRemaining!.Value });
        }

        var result = await login.StartSessionAsync(user, ticket.DeviceId, ticket.DeviceName, ticket.DeviceType, cancellationToken);
        if (result.IsFailure)
        {
            metrics.Login(method, "refused");
            return result.Error;
        }

        metrics.Login(method, "success");
        return result.Value with { RecoveryCodesRemaining = check.RecoveryCodesRemaining };
    }
}
