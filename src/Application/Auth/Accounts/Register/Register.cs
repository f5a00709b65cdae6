using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Email;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.Register;

/// <summary>
/// Creates an account. Every key field is client-produced, base64-encoded, opaque material
/// (docs/crypto-format.md); the server checks only its envelope format and size. With an OpenID identity ticket the
/// identity the provider vouched for is linked to the new account: the keys are still made on the device.
/// </summary>
public sealed record RegisterCommand(
    Guid UserId,
    string Username,
    string? Email,
    string AuthHash,
    KdfParameters Kdf,
    string KdfSalt,
    string EncryptedUserKey,
    string EncryptedPrivateKeys,
    string PublicKeyBundle,
    string? PasswordHint,
    string? InvitationCode,
    string? OidcIdentityTicket = null) : ICommand<Result<RegisterResult>>;

public sealed record RegisterResult(Guid UserId, Guid TenantId, TenantRole Role);

public sealed class RegisterCommandHandler(IAuthDbContext db, IAuthHashHasher hasher, AccountMail mail, ISender sender, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<RegisterCommand, Result<RegisterResult>>
{
    public async ValueTask<Result<RegisterResult>> Handle(RegisterCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var invitation = await FindInvitationAsync(command.InvitationCode, now, cancellationToken);
        if (command.InvitationCode is not null && invitation is null) return new InvitationInvalid();
        if (invitation is null && policy.Registration == RegistrationMode.Closed) return new RegistrationClosed();
        if (invitation is null && policy.Registration == RegistrationMode.InviteOnly
            && await db.Users.AnyAsync(u => u.TenantId == TenantId.Default, cancellationToken))
            return new InvitationRequired();

        var normalized = Username.Normalize(command.Username);
        var userId = new UserId(command.UserId);
        if (await db.Users.AnyAsync(u => u.NormalizedUsername == normalized || u.Id == userId, cancellationToken))
            return new UsernameUnavailable();
        if (await db.UsernameReservations.AnyAsync(r => (r.NormalizedUsername == normalized || r.UserId == userId) && r.ReservedUntil > now, cancellationToken))
            return new UsernameReserved();

        var tenant = invitation?.TenantId ?? TenantId.Default;
        OidcSignIn? oidc = null;
        if (command.OidcIdentityTicket is not null)
        {
            var ticketHash = OpaqueToken.Hash(command.OidcIdentityTicket);
            oidc = await db.OidcSignIns.SingleOrDefaultAsync(s => s.IdentityTicketHash == ticketHash, cancellationToken);
            if (oidc is null || !oidc.IsIdentityTicketUsable(now)) return new OidcIdentityTicketInvalid();
            var signInPolicy = await sender.Send(new GetSignInPolicyQuery(tenant.Value), cancellationToken);
            if (!signInPolicy.OidcAllowed) return new SignInMethodNotAllowed(SignInMethod.Oidc);
            if (await db.OidcIdentities.AnyAsync(i => i.Issuer == oidc.Issuer && i.Subject == oidc.Subject, cancellationToken))
                return new OidcIdentityAlreadyLinked();
        }

        var role = invitation?.Role
            ?? (await db.Users.AnyAsync(u => u.TenantId == tenant, cancellationToken) ? TenantRole.Member : TenantRole.Owner);

        var account = new NewAccount(
            userId,
            command.Username,
            command.Email,
            command.Kdf,
            Convert.FromBase64String(command.KdfSalt),
            Convert.FromBase64String(command.EncryptedUserKey),
            Convert.FromBase64String(command.EncryptedPrivateKeys),
            Convert.FromBase64String(command.PublicKeyBundle),
            command.PasswordHint);
        var verifier = hasher.Hash(Convert.FromBase64String(command.AuthHash));
        var user = User.Register(account, tenant, role, verifier, now);
        db.Users.Add(user);
        mail.SendVerification(user);
        invitation?.Redeem(userId, now);
        if (oidc is not null)
        {
            oidc.UseIdentityTicket(now);
            db.OidcIdentities.Add(OidcIdentity.Link(userId, oidc.Provider, oidc.Issuer!, oidc.Subject!, oidc.Email, now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with a registration of the same username or id: the unique index decided.
            return new UsernameUnavailable();
        }

        return new RegisterResult(userId.Value, tenant.Value, role);
    }

    private async Task<Invitation?> FindInvitationAsync(string? code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (code is null) return null;
        var hash = OpaqueToken.Hash(code);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.CodeHash == hash, cancellationToken);
        return invitation is not null && invitation.IsUsable(now) ? invitation : null;
    }
}
