using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Accounts;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Oidc.CompleteOidcSignIn;

/// <summary>
/// Finishes a sign-in with the code the provider sent to the device. The state is spent by the first attempt, right or
/// wrong; the device must show the verifier it started with; the server exchanges the code itself and validates the ID
/// token before anything else. A linked identity then signs in like a password login (MFA ticket when MFA is on); an
/// unlinked one gets a ticket to register or link it. Either way the vault still opens only with the master password.
/// </summary>
public sealed record CompleteOidcSignInCommand(string State, string Code, string Verifier) : ICommand<Result<LoginResult>>;

public sealed class CompleteOidcSignInCommandHandler(
    IAuthDbContext db, IOidcProviders providers, DeviceLogin login, AccountStanding standing, SignInGate gate,
    ISecurityEventRecorder events, AuthMetrics metrics, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<CompleteOidcSignInCommand, Result<LoginResult>>
{
    private static readonly Dictionary<string, object> OidcMethod = new() { ["method"] = "oidc" };

    public async ValueTask<Result<LoginResult>> Handle(CompleteOidcSignInCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stateHash = OpaqueToken.Hash(command.State);
        var signIn = await db.OidcSignIns.SingleOrDefaultAsync(s => s.StateHash == stateHash, cancellationToken);
        if (signIn is null || !signIn.IsUsable(now)) return Refused();

        signIn.Use(now);
        await db.SaveChangesAsync(cancellationToken);
        var challenge = SHA256.HashData(Encoding.ASCII.GetBytes(command.Verifier));
        if (!CryptographicOperations.FixedTimeEquals(challenge, signIn.DeviceChallenge)) return Refused();
        if (providers.Find(signIn.Provider) is not { } provider) return Refused();

        var verified = await providers.RedeemAsync(
            provider, new OidcCodeRedemption(command.Code, signIn.ProviderRedirectUri, signIn.CodeVerifier, signIn.Nonce), cancellationToken);
        if (verified.IsFailure) return Refused();
        var identity = verified.Value;

        var linked = await db.OidcIdentities.SingleOrDefaultAsync(i => i.Issuer == identity.Issuer && i.Subject == identity.Subject, cancellationToken);
        if (linked is null)
        {
            var ticket = OpaqueToken.Generate();
            signIn.IssueIdentityTicket(identity.Issuer, identity.Subject, identity.Email, OpaqueToken.Hash(ticket), now, policy.OidcIdentityTicketLifetime);
            await db.SaveChangesAsync(cancellationToken);
            metrics.Login("oidc", "not_linked");
            return new OidcIdentityNotLinked(ticket, signIn.IdentityTicketExpiresAt!.Value, identity.Email);
        }

        var user = await db.Users.SingleAsync(u => u.Id == linked.UserId, cancellationToken);
        if (await standing.CheckAsync(user, cancellationToken) is { } notInGoodStanding)
        {
            metrics.Login("oidc", "refused");
            return notInGoodStanding;
        }

        var allowed = await gate.CheckAsync(user, SignInMethod.Oidc, cancellationToken);
        if (allowed.IsFailure)
        {
            metrics.Login("oidc", "refused");
            return allowed.Error;
        }

        linked.Used(now);
        if (allowed.Value)
        {
            var mfaTicket = OpaqueToken.Generate();
            var issued = MfaTicket.Issue(user.Id, OpaqueToken.Hash(mfaTicket), signIn.DeviceId, signIn.DeviceName, signIn.DeviceType, now, policy.MfaTicketLifetime);
            db.MfaTickets.Add(issued);
            await db.SaveChangesAsync(cancellationToken);
            metrics.Login("oidc", "mfa_required");
            return new MfaRequired(mfaTicket, issued.ExpiresAt);
        }

        events.Record(user, SecurityEventTypes.Login, signIn.DeviceName, OidcMethod);
        var started = await login.StartSessionAsync(user, signIn.DeviceId, signIn.DeviceName, signIn.DeviceType, cancellationToken);
        metrics.Login("oidc", started.IsSuccess ? "success" : "refused");
        return started;
    }

    private OidcSignInInvalid Refused()
    {
        metrics.Login("oidc", "failure");
        return new OidcSignInInvalid();
    }
}
