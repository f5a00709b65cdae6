using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Oidc.LinkOidcIdentity;

/// <summary>
/// Links the identity a provider vouched for (the ticket from <c>auth.oidc_identity_not_linked</c>) to the signed-in
/// account, re-proven with its authHash (and a second factor with MFA on). This explicit step is the only way an
/// identity joins an existing account: matching addresses link nothing.
/// </summary>
public sealed record LinkOidcIdentityCommand(UserId UserId, string IdentityTicket, string AuthHash, string? Code = null, string? RecoveryCode = null)
    : ICommand<Result<OidcIdentityView>>;

public sealed record OidcIdentityView(Guid Id, string Provider, string Issuer, string Subject, string? Email, DateTimeOffset LinkedAt, DateTimeOffset? LastUsedAt)
{
    public static OidcIdentityView Of(OidcIdentity identity) =>
        new(identity.Id, identity.Provider, identity.Issuer, identity.Subject, identity.Email, identity.LinkedAt, identity.LastUsedAt);
}

public sealed class LinkOidcIdentityCommandHandler(
    IAuthDbContext db, Reauthentication reauthentication, ISender sender, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<LinkOidcIdentityCommand, Result<OidcIdentityView>>
{
    public async ValueTask<Result<OidcIdentityView>> Handle(LinkOidcIdentityCommand command, CancellationToken cancellationToken)
    {
        var verified = await reauthentication.VerifyWithSecondFactorAsync(
            command.UserId, command.AuthHash, command.Code, command.RecoveryCode, cancellationToken);
        if (verified.IsFailure) return verified.Error;
        var user = verified.Value;

        var now = clock.GetUtcNow();
        var ticketHash = OpaqueToken.Hash(command.IdentityTicket);
        var signIn = await db.OidcSignIns.SingleOrDefaultAsync(s => s.IdentityTicketHash == ticketHash, cancellationToken);
        if (signIn is null || !signIn.IsIdentityTicketUsable(now)) return new OidcIdentityTicketInvalid();

        var policy = await sender.Send(new GetSignInPolicyQuery(user.TenantId.Value), cancellationToken);
        if (!policy.OidcAllowed) return new SignInMethodNotAllowed(SignInMethod.Oidc);

        signIn.UseIdentityTicket(now);
        if (await db.OidcIdentities.AnyAsync(i => i.Issuer == signIn.Issuer && i.Subject == signIn.Subject, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            return new OidcIdentityAlreadyLinked();
        }

        var identity = OidcIdentity.Link(user.Id, signIn.Provider, signIn.Issuer!, signIn.Subject!, signIn.Email, now);
        db.OidcIdentities.Add(identity);
        events.Record(user, SecurityEventTypes.OidcIdentityLinked, details: new Dictionary<string, object> { ["provider"] = signIn.Provider, ["identityId"] = identity.Id });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new OidcIdentityAlreadyLinked();
        }

        return OidcIdentityView.Of(identity);
    }
}
