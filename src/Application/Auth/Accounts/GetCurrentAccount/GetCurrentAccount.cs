using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.GetCurrentAccount;

public sealed record GetCurrentAccountQuery(UserId UserId, Guid SessionId) : IQuery<CurrentAccount?>;

public sealed record CurrentAccount(
    Guid UserId, string Username, string? Email, Guid TenantId, TenantRole Role, bool InstanceAdministrator,
    Guid SessionId, byte[] PublicKeyBundle, DateTimeOffset CreatedAt);

public sealed class GetCurrentAccountQueryHandler(IAuthDbContext db, AuthPolicy policy)
    : IQueryHandler<GetCurrentAccountQuery, CurrentAccount?>
{
    /// <summary>Null when the account was deleted while the caller's access token is still valid.</summary>
    public async ValueTask<CurrentAccount?> Handle(GetCurrentAccountQuery query, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == query.UserId, cancellationToken);
        return user is null ? null : new CurrentAccount(
            user.Id.Value, user.Username, user.Email, user.TenantId.Value, user.Role,
            policy.IsInstanceAdministrator(user.NormalizedUsername), query.SessionId, user.PublicKeyBundle, user.CreatedAt);
    }
}
