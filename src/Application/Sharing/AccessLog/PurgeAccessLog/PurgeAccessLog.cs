using Mediator;
using Microsoft.EntityFrameworkCore;

namespace PasswordManager.Application.Sharing.AccessLog.PurgeAccessLog;

/// <summary>Deletes access-log rows whose last fetch is older than <see cref="SharingPolicy.AccessLogRetention"/>.</summary>
public sealed record PurgeAccessLogCommand : ICommand<int>;

public sealed class PurgeAccessLogCommandHandler(ISharingDbContext db, SharingPolicy policy, TimeProvider clock) : ICommandHandler<PurgeAccessLogCommand, int>
{
    public async ValueTask<int> Handle(PurgeAccessLogCommand command, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - policy.AccessLogRetention;
        return await db.EntryFetches.Where(f => f.LastFetchedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
