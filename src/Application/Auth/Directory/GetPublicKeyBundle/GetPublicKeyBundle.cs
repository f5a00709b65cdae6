using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Directory.GetPublicKeyBundle;

/// <summary>
/// A user's self-signed public key bundle, looked up by username within the caller's tenant. Clients verify
/// the bundle and compare its fingerprint out of band; the server cannot forge one without the user's
/// signing key, and pinned clients notice a substituted one.
/// </summary>
public sealed record GetPublicKeyBundleQuery(TenantId TenantId, string Username) : IQuery<Result<PublicKeyBundleResult>>;

public sealed record PublicKeyBundleResult(Guid UserId, string Username, byte[] PublicKeyBundle);

public sealed class GetPublicKeyBundleQueryHandler(IAuthDbContext db) : IQueryHandler<GetPublicKeyBundleQuery, Result<PublicKeyBundleResult>>
{
    public async ValueTask<Result<PublicKeyBundleResult>> Handle(GetPublicKeyBundleQuery query, CancellationToken cancellationToken)
    {
        var normalized = Username.Normalize(query.Username);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUsername == normalized && u.TenantId == query.TenantId)
            .Select(u => new PublicKeyBundleResult(u.Id.Value, u.Username, u.PublicKeyBundle))
            .SingleOrDefaultAsync(cancellationToken);
        // Another tenant's user answers exactly like an unknown one.
        return user is null ? new UserNotFound() : user;
    }
}
