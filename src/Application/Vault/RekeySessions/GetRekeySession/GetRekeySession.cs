using Mediator;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.RekeySessions.GetRekeySession;

/// <summary>A session's state, so a client resumes an interrupted re-key by uploading only what is missing.</summary>
public sealed record GetRekeySessionQuery(UserId AdminId, Guid VaultId, Guid SessionId) : IQuery<Result<RekeySessionState>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class GetRekeySessionQueryHandler(IVaultDbContext db, TimeProvider clock) : IQueryHandler<GetRekeySessionQuery, Result<RekeySessionState>>
{
    public async ValueTask<Result<RekeySessionState>> Handle(GetRekeySessionQuery query, CancellationToken cancellationToken)
    {
        var found = await db.RequireOpenSessionAsync(query.VaultId, query.SessionId, query.AdminId, clock.GetUtcNow(), cancellationToken);
        if (found.IsFailure) return found.Error;
        return await RekeySessionState.ReadAsync(db, found.Value, cancellationToken);
    }
}
