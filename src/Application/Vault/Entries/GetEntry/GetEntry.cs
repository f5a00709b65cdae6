using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries.GetEntry;

public sealed record GetEntryQuery(UserId UserId, Guid VaultId, Guid EntryId) : IQuery<Result<EntryDetails>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed class GetEntryQueryHandler(IVaultDbContext db, AccessLog accessLog, EntryCiphertexts ciphertexts, TimeProvider clock)
    : IQueryHandler<GetEntryQuery, Result<EntryDetails>>
{
    public async ValueTask<Result<EntryDetails>> Handle(GetEntryQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, now, cancellationToken);
        if (access.IsFailure) return access.Error;

        var entry = await db.Entries.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == query.EntryId && e.VaultId == query.VaultId, cancellationToken);
        if (entry is null) return new EntryNotFound(query.EntryId);
        var ciphertext = entry.Ciphertext is { } stored ? await ciphertexts.ReadAsync(stored, cancellationToken) : null;
        if (ciphertext is not null) await accessLog.RecordAsync(query.UserId, [new FetchedEntry(entry.VaultId, entry.Id, entry.Version)], now, cancellationToken);
        return new EntryDetails(EntryState.Of(entry), ciphertext);
    }
}
