using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users.EnableUser;

/// <summary>Lifts a disable: the user can log in again (the sessions that ended stay ended).</summary>
public sealed record EnableUserCommand(AdminActor Actor, Guid UserId) : ICommand<Result<AdminUserView>>;

public sealed class EnableUserCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<EnableUserCommand, Result<AdminUserView>>
{
    public async ValueTask<Result<AdminUserView>> Handle(EnableUserCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveUserAsync(command.Actor, command.UserId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, target) = found.Value;
        if (AdministrationScope.MayActOn(admin, target) is { } refused) return refused;

        if (target.IsDisabled)
        {
            target.Enable(clock.GetUtcNow());
            events.Record(target, SecurityEventTypes.EnabledByAdmin, admin);
            await db.SaveChangesAsync(cancellationToken);
        }

        return await AdminUserView.OfAsync(db, target, cancellationToken);
    }
}
