using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Integration;

public sealed class RecordSecurityEventCommandHandler(IAuthDbContext db, ISecurityEventRecorder recorder) : ICommandHandler<RecordSecurityEventCommand>
{
    public async ValueTask<Unit> Handle(RecordSecurityEventCommand command, CancellationToken cancellationToken)
    {
        var userId = new UserId(command.UserId);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return Unit.Value;
        recorder.Record(user, command.Type, details: command.Details);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
