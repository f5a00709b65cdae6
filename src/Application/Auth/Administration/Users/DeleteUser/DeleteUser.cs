using Mediator;
using PasswordManager.Application.Auth.Accounts;
using PasswordManager.Application.Auth.Accounts.DeleteAccount;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users.DeleteUser;

/// <summary>
/// Deletes an account by the rules of self-deletion (<see cref="AccountDeletion"/>: shared vaults others depend on
/// block it), without its authHash. The tenant's last owner stays. Recorded on the administrator's account, since the
/// deleted account's events go with it.
/// </summary>
public sealed record DeleteUserCommand(AdminActor Actor, Guid UserId) : ICommand<Result<DeleteAccountResult>>;

public sealed class DeleteUserCommandHandler(AdministrationScope scope, AccountDeletion deletion, ISecurityEventRecorder events)
    : ICommandHandler<DeleteUserCommand, Result<DeleteAccountResult>>
{
    public async ValueTask<Result<DeleteAccountResult>> Handle(DeleteUserCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveUserAsync(command.Actor, command.UserId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, target) = found.Value;
        if (AdministrationScope.MayActOn(admin, target) is { } refused) return refused;
        if (await scope.IsLastOwnerAsync(target, cancellationToken)) return new LastOwner();

        events.Record(admin.User, SecurityEventTypes.AdminDeletedUser, admin, new Dictionary<string, object>
        {
            ["targetId"] = target.Id.Value,
            ["targetTenantId"] = target.TenantId.Value,
        });
        return await deletion.DeleteAsync(target, cancellationToken);
    }
}
