using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Directory.GetPublicKeyBundle;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Directory.GetPublicKeyBundleById;

/// <summary>
/// A user's public key bundle by user id (same tenant only): access records name their granter by id, and the
/// recipient's client needs the granter's bundle to verify the record's signature (and to pin it).
/// </summary>
public sealed record GetPublicKeyBundleByIdQuery(TenantId TenantId, Guid UserId) : IQuery<Result<PublicKeyBundleResult>>;

public sealed class GetPublicKeyBundleByIdQueryHandler(IAuthDbContext db) : IQueryHandler<GetPublicKeyBundleByIdQuery, Result<PublicKeyBundleResult>>
{
    public async ValueTask<Result<PublicKeyBundleResult>> Handle(GetPublicKeyBundleByIdQuery query, CancellationToken cancellationToken)
    {
        var id = new UserId(query.UserId);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id && u.TenantId == query.TenantId)
            .Select(u => new { Id = u.Id.Value, u.Username, u.PublicKeyBundle, u.KeyHandovers })
            .SingleOrDefaultAsync(cancellationToken);
        // Another tenant's user answers exactly like an unknown one.
        return user is null ? new UserNotFound() : PublicKeyBundleResult.From(user.Id, user.Username, user.PublicKeyBundle, user.KeyHandovers);
    }
}
