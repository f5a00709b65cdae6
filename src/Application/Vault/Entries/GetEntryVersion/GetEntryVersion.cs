using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries.GetEntryVersion;

public sealed record GetEntryVersionQuery(UserId UserId, Guid VaultId, Guid EntryId, long Version) : IQuery<Result<EntryVersionDetails>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed record EntryVersionDetails(Guid EntryId, long Version, long KeyEpoch, DateTimeOffset CreatedAt, Guid CreatedBy, byte[] Ciphertext);

public sealed class GetEntryVersionQueryHandler(IVaultDbContext db, AccessLog accessLog, EntryCiphertexts ciphertexts, TimeProvider clock)
    : IQueryHandler<GetEntryVersionQuery, Result<EntryVersionDetails>>
{
    public async ValueTask<Result<EntryVersionDetails>> Handle(GetEntryVersionQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, now, cancellationToken);
        if (access.IsFailure) return access.Error;

        var version = await db.EntryVersions.AsNoTracking().SingleOrDefaultAsync(
            v => v.EntryId == query.EntryId && v.VaultId == query.VaultId && v.Version == query.Version, cancellationToken);
        if (version is null) return new EntryVersionNotFound(query.EntryId, query.Version);
        var ciphertext = await ciphertexts.ReadAsync(version.Ciphertext, cancellationToken);
        await accessLog.RecordAsync(query.UserId, [new FetchedEntry(version.VaultId, version.EntryId, version.Version)], now, cancellationToken);
        return new EntryVersionDetails(version.EntryId, version.Version, version.KeyEpoch, version.CreatedAt, version.CreatedBy.Value, ciphertext);
    }
}
