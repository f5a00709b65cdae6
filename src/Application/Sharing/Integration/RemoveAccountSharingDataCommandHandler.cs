using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Sharing.Integration;

public sealed class RemoveAccountSharingDataCommandHandler(ISharingDbContext db) : ICommandHandler<RemoveAccountSharingDataCommand>
{
    public async ValueTask<Unit> Handle(RemoveAccountSharingDataCommand command, CancellationToken cancellationToken)
    {
        db.JoinTransaction(command.Transaction);
        var user = new UserId(command.UserId);
        var identifiers = command.Identifiers;
        await db.Invitations.Where(i => i.InvitedBy == user || i.AcceptedUserId == user || identifiers.Contains(i.Invitee))
            .ExecuteDeleteAsync(cancellationToken);
        await db.EntryFetches.Where(f => f.UserId == user).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
