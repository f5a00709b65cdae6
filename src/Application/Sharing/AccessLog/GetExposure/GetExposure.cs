using Mediator;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Sharing.AccessLog.GetExposure;

/// <summary>
/// An admin asks which entries a (current or former) member fetched: the secrets to rotate after a revocation.
/// Metadata only, kept for <see cref="SharingPolicy.AccessLogRetention"/> after the last fetch.
/// </summary>
public sealed record GetExposureQuery(UserId AdminId, Guid VaultId, Guid MemberId) : IQuery<Result<MemberExposure>>, ISharingVaultRequest
{
    UserId ISharingVaultRequest.CallerId => AdminId;
}

public sealed class GetExposureQueryHandler(MemberExposures exposures, ISender sender) : IQueryHandler<GetExposureQuery, Result<MemberExposure>>
{
    public async ValueTask<Result<MemberExposure>> Handle(GetExposureQuery query, CancellationToken cancellationToken)
    {
        var admin = await sender.Send(new RequireVaultAdminQuery(query.VaultId, query.AdminId.Value), cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var exposure = await exposures.ReadAsync(query.VaultId, [query.MemberId], cancellationToken);
        return exposure[0];
    }
}
