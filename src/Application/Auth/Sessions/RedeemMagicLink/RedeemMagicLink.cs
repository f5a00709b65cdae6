using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Accounts;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.RedeemMagicLink;

/// <summary>
/// Exchanges a mailed sign-in token plus the requesting device's verifier for a session on that device (or, with MFA
/// on, for an MFA ticket as after a password login). The token is spent by the first attempt, right or wrong. The
/// session releases only the wrapped keys: unlocking still needs the master password.
/// </summary>
public sealed record RedeemMagicLinkCommand(string Token, string Verifier) : ICommand<Result<LoginResult>>;

public sealed class RedeemMagicLinkCommandHandler(
    IAuthDbContext db, DeviceLogin login, AccountStanding standing, SignInGate gate, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<RedeemMagicLinkCommand, Result<LoginResult>>
{
    public async ValueTask<Result<LoginResult>> Handle(RedeemMagicLinkCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = OpaqueToken.Hash(command.Token);
        var link = await db.MagicLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || !link.IsUsable(now)) return new MagicLinkInvalid();

        link.Use(now);
        var challenge = SHA256.HashData(Encoding.ASCII.GetBytes(command.Verifier));
        if (!CryptographicOperations.FixedTimeEquals(challenge, link.VerifierChallenge))
        {
            await db.SaveChangesAsync(cancellationToken);
            return new MagicLinkInvalid();
        }

        var user = await db.Users.SingleAsync(u => u.Id == link.UserId, cancellationToken);
        if (await standing.CheckAsync(user, cancellationToken) is { } refused)
        {
            await db.SaveChangesAsync(cancellationToken);
            return refused;
        }

        var allowed = await gate.CheckAsync(user, SignInMethod.MagicLink, cancellationToken);
        if (allowed.IsFailure)
        {
            await db.SaveChangesAsync(cancellationToken);
            return allowed.Error;
        }

        if (allowed.Value)
        {
            var ticket = OpaqueToken.Generate();
            var issued = MfaTicket.Issue(user.Id, OpaqueToken.Hash(ticket), link.DeviceId, link.DeviceName, link.DeviceType, now, policy.MfaTicketLifetime);
            db.MfaTickets.Add(issued);
            await db.SaveChangesAsync(cancellationToken);
            return new MfaRequired(ticket, issued.ExpiresAt);
        }

        return await login.StartSessionAsync(user, link.DeviceId, link.DeviceName, link.DeviceType, cancellationToken);
    }
}
