using Mediator;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Application.Sharing.AccessLog;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Sharing.Integration;

/// <summary>
/// One statement per request, and none for entries this process recorded at the same or a higher version within the
/// resolution (the statement would not change their rows), so repeated syncs cost no database work. Fetches recorded
/// in a writer's transaction neither consult nor feed the cache: if that transaction rolls back, its version number is
/// reused by the next write, which must not look recorded.
/// </summary>
public sealed class RecordEntryFetchesCommandHandler(ISharingDbContext db, SharingPolicy policy, AccessLogCache recent)
    : ICommandHandler<RecordEntryFetchesCommand>
{
    public async ValueTask<Unit> Handle(RecordEntryFetchesCommand command, CancellationToken cancellationToken)
    {
        var user = new UserId(command.UserId);
        if (command.Transaction is not null)
        {
            if (command.Fetches.Count == 0) return Unit.Value;
            db.JoinTransaction(command.Transaction);
            await db.RecordFetchesAsync(user, command.Fetches, command.At, policy.AccessLogResolution, cancellationToken);
            return Unit.Value;
        }

        var due = command.Fetches.Where(f => !recent.Covers(user, f, command.At - policy.AccessLogResolution)).ToList();
        if (due.Count == 0) return Unit.Value;
        await db.RecordFetchesAsync(user, due, command.At, policy.AccessLogResolution, cancellationToken);
        recent.Remember(user, due, command.At);
        return Unit.Value;
    }
}
