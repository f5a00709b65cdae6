using Mediator;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.GetExposure;

/// <summary>
/// An admin asks which entries a (current or former) member fetched: the secrets to rotate after a revocation.
/// Metadata only, kept for <see cref="VaultPolicy.AccessLogRetention"/> after the last fetch.
/// </summary>
public sealed record GetExposureQuery(UserId AdminId, Guid VaultId, Guid MemberId) : IQuery<Result<MemberExposure>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class GetExposureQueryHandler(IVaultDbContext db, TimeProvider clock) : IQueryHandler<GetExposureQuery, Result<MemberExposure>>
{
    public async ValueTask<Result<MemberExposure>> Handle(GetExposureQuery query, CancellationToken cancellationToken)
    {
        var admin = await db.RequireAsync(query.VaultId, query.AdminId, Permission.Admin, clock.GetUtcNow(), cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var exposure = await MemberExposure.ReadAsync(db, query.VaultId, [query.MemberId], cancellationToken);
        return exposure[0];
    }
}
