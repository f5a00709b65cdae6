using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.Login;

/// <summary>
/// The tenant's sign-in policy (ADR-0027), asked after the credential was proven so the answer tells a guesser nothing:
/// the method must be allowed, and where a second factor is mandatory the account must have one. The value is whether
/// the account has a second factor, which the sign-in then asks for.
/// </summary>
public sealed class SignInGate(IAuthDbContext db, ISender sender)
{
    public async Task<Result<bool>> CheckAsync(User user, string method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var policy = await sender.Send(new GetSignInPolicyQuery(user.TenantId.Value), cancellationToken);
        if (!policy.Allows(method)) return new SignInMethodNotAllowed(method);
        var hasSecondFactor = await db.TotpAuthenticators.AnyAsync(t => t.UserId == user.Id && t.ConfirmedAt != null, cancellationToken);
        if (policy.MfaRequired && !hasSecondFactor) return new MfaEnrolmentRequired();
        return hasSecondFactor;
    }
}
