using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Vaults.GetVault;

public sealed record GetVaultQuery(UserId UserId, Guid VaultId) : IQuery<Result<VaultSummary>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed class GetVaultQueryHandler(IVaultDbContext db, TimeProvider clock) : IQueryHandler<GetVaultQuery, Result<VaultSummary>>
{
    public async ValueTask<Result<VaultSummary>> Handle(GetVaultQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, now, cancellationToken);
        if (access.IsFailure) return access.Error;
        var vault = await db.Vaults.AsNoTracking().SingleAsync(v => v.Id == query.VaultId, cancellationToken);
        var advice = await RekeyAdvice.ForAdminAsync(db, [(vault, access.Value)], now, cancellationToken);
        return VaultSummary.Of(vault, access.Value, advice.GetValueOrDefault(vault.Id));
    }
}
