using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries.FetchEntries;

/// <summary>Ciphertexts of many entries at once (those a sync page did not carry inline). Unknown ids are left out.</summary>
public sealed record FetchEntriesQuery(UserId UserId, Guid VaultId, IReadOnlyList<Guid> EntryIds) : IQuery<Result<FetchEntriesResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed record FetchEntriesResult(IReadOnlyList<EntryDetails> Items);

public sealed class FetchEntriesQueryHandler(IVaultDbContext db, AccessLog accessLog, EntryCiphertexts ciphertexts, TimeProvider clock)
    : IQueryHandler<FetchEntriesQuery, Result<FetchEntriesResult>>
{
    public async ValueTask<Result<FetchEntriesResult>> Handle(FetchEntriesQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, now, cancellationToken);
        if (access.IsFailure) return access.Error;

        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.VaultId == query.VaultId && query.EntryIds.Contains(e.Id))
            .ToListAsync(cancellationToken);
        var items = new List<EntryDetails>(entries.Count);
        foreach (var entry in entries)
        {
            var ciphertext = entry.Ciphertext is { } stored ? await ciphertexts.ReadAsync(stored, cancellationToken) : null;
            items.Add(new EntryDetails(EntryState.Of(entry), ciphertext));
        }

        await accessLog.RecordAsync(
            query.UserId, [.. entries.Where(e => !e.Deleted).Select(e => new FetchedEntry(e.VaultId, e.Id, e.Version))], now, cancellationToken);
        return new FetchEntriesResult(items);
    }
}
