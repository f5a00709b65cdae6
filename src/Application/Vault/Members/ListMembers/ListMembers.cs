using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.ListMembers;

/// <summary>The vault's active members with their signed access records (every member may see who else can read).</summary>
public sealed record ListMembersQuery(UserId UserId, Guid VaultId) : IQuery<Result<ListMembersResult>>;

public sealed record ListMembersResult(long KeyEpoch, IReadOnlyList<MemberAccess> Items);

public sealed class ListMembersQueryHandler(IVaultDbContext db, TimeProvider clock) : IQueryHandler<ListMembersQuery, Result<ListMembersResult>>
{
    public async ValueTask<Result<ListMembersResult>> Handle(ListMembersQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, now, cancellationToken);
        if (access.IsFailure) return access.Error;
        var epoch = await db.Vaults.Where(v => v.Id == query.VaultId).Select(v => v.KeyEpoch).SingleAsync(cancellationToken);
        var records = await db.AccessRecords.AsNoTracking()
            .Where(r => r.VaultId == query.VaultId && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now))
            .OrderBy(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        return new ListMembersResult(epoch, [.. records.Select(MemberAccess.Of)]);
    }
}
