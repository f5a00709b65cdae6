using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts;

/// <summary>
/// Whether an account may start or extend a session: not disabled, and its tenant not suspended (ADR-0021). Asked
/// only after the credential was proven, so the answer tells nothing to someone guessing passwords.
/// </summary>
public sealed class AccountStanding(IAuthDbContext db)
{
    public async Task<Error?> CheckAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsDisabled) return new AccountDisabled();
        var suspended = await db.Tenants.AnyAsync(t => t.Id == user.TenantId && t.SuspendedAt != null, cancellationToken);
        return suspended ? new TenantSuspended() : null;
    }
}
