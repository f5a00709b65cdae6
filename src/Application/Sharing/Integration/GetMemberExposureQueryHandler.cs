using Mediator;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Application.Sharing.AccessLog;

namespace PasswordManager.Application.Sharing.Integration;

public sealed class GetMemberExposureQueryHandler(MemberExposures exposures) : IQueryHandler<GetMemberExposureQuery, IReadOnlyList<MemberExposure>>
{
    public async ValueTask<IReadOnlyList<MemberExposure>> Handle(GetMemberExposureQuery query, CancellationToken cancellationToken) =>
        await exposures.ReadAsync(query.VaultId, query.UserIds, cancellationToken);
}
