using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.RekeySessions;

namespace PasswordManager.Application.Vault.Storage.ExpireRekeySessions;

/// <summary>
/// Removes re-key sessions past their expiry and hands their staged blobs to the collector. Idempotent, so
/// replicas running it at once need no lease.
/// </summary>
public sealed record ExpireRekeySessionsCommand(int MaxSessions) : ICommand<int>;

public sealed class ExpireRekeySessionsCommandHandler(IVaultDbContext db, BlobWrites writes, TimeProvider clock) : ICommandHandler<ExpireRekeySessionsCommand, int>
{
    public async ValueTask<int> Handle(ExpireRekeySessionsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = await db.RekeySessions.AsNoTracking().Where(s => s.ExpiresAt <= now)
            .OrderBy(s => s.ExpiresAt).Take(command.MaxSessions).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var id in expired) await db.DiscardAsync(writes, id, cancellationToken);
        return expired.Count;
    }
}
