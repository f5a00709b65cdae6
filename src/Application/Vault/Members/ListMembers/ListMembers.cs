using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.ListMembers;

/// <summary>The vault's members (active and expired, not revoked) with their signed access records (every member may see who else can read).</summary>
public sealed record ListMembersQuery(UserId UserId, Guid VaultId) : IQuery<Result<ListMembersResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed record ListMembersResult(long KeyEpoch, IReadOnlyList<MemberListItem> Items);

/// <summary>
/// A member's signed access record; <see cref="Expired"/> members no longer have access but are listed until the
/// next re-key revokes them (they still hold the current key), and a re-key does not take a key for them.
/// </summary>
public sealed record MemberListItem(
    Guid UserId, Permission Permission, long KeyEpoch, byte[] WrappedKey, Guid GranterId, byte[] GranterSignature, DateTimeOffset? ExpiresAt,
    bool Expired);

public sealed class ListMembersQueryHandler(IVaultDbContext db, TimeProvider clock) : IQueryHandler<ListMembersQuery, Result<ListMembersResult>>
{
    public async ValueTask<Result<ListMembersResult>> Handle(ListMembersQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, now, cancellationToken);
        if (access.IsFailure) return access.Error;
        var epoch = await db.Vaults.Where(v => v.Id == query.VaultId).Select(v => v.KeyEpoch).SingleAsync(cancellationToken);
        var records = await db.AccessRecords.AsNoTracking()
            .Where(r => r.VaultId == query.VaultId && r.RevokedAt == null)
            .OrderBy(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        return new ListMembersResult(epoch, [.. records.Select(r => new MemberListItem(
            r.UserId.Value, r.Permission, r.KeyEpoch, r.WrappedKey, r.GranterId.Value, r.GranterSignature, r.ExpiresAt, !r.IsActive(now)))]);
    }
}
