using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users.ResetUserMfa;

/// <summary>
/// For a user who lost their authenticator and recovery codes: the TOTP secret, the recovery codes and open MFA tickets
/// are deleted, so the next login needs the master password only and the user must enrol again. Recorded on the account.
/// </summary>
public sealed record ResetUserMfaCommand(AdminActor Actor, Guid UserId) : ICommand<Result<AdminUserView>>;

public sealed class ResetUserMfaCommandHandler(
    IAuthDbContext db, AdministrationScope scope, TotpSecrets secrets, ISecurityEventRecorder events)
    : ICommandHandler<ResetUserMfaCommand, Result<AdminUserView>>
{
    public async ValueTask<Result<AdminUserView>> Handle(ResetUserMfaCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveUserAsync(command.Actor, command.UserId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, target) = found.Value;
        if (AdministrationScope.MayActOn(admin, target) is { } refused) return refused;
        if (!await db.TotpAuthenticators.AnyAsync(t => t.UserId == target.Id, cancellationToken)) return new MfaNotEnabled();

        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.TotpAuthenticators.Where(t => t.UserId == target.Id).ExecuteDeleteAsync(cancellationToken);
        await db.RecoveryCodes.Where(c => c.UserId == target.Id).ExecuteDeleteAsync(cancellationToken);
        await db.MfaTickets.Where(t => t.UserId == target.Id).ExecuteDeleteAsync(cancellationToken);
        events.Record(target, SecurityEventTypes.MfaResetByAdmin, admin);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await secrets.DeleteAsync(target.TenantId, target.Id, CancellationToken.None);
        return await AdminUserView.OfAsync(db, target, cancellationToken);
    }
}
