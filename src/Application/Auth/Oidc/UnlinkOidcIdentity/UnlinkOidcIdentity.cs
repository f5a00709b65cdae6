using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Oidc.UnlinkOidcIdentity;

/// <summary>Removes one of the caller's linked identities; someone else's answers as unknown.</summary>
public sealed record UnlinkOidcIdentityCommand(UserId UserId, Guid IdentityId) : ICommand<Result>;

public sealed class UnlinkOidcIdentityCommandHandler(IAuthDbContext db, ISecurityEventRecorder events)
    : ICommandHandler<UnlinkOidcIdentityCommand, Result>
{
    public async ValueTask<Result> Handle(UnlinkOidcIdentityCommand command, CancellationToken cancellationToken)
    {
        var identity = await db.OidcIdentities.SingleOrDefaultAsync(i => i.Id == command.IdentityId && i.UserId == command.UserId, cancellationToken);
        if (identity is null) return new OidcIdentityNotFound(command.IdentityId);
        var user = await db.Users.SingleAsync(u => u.Id == command.UserId, cancellationToken);
        db.OidcIdentities.Remove(identity);
        events.Record(user, SecurityEventTypes.OidcIdentityUnlinked, details: new Dictionary<string, object> { ["provider"] = identity.Provider, ["identityId"] = identity.Id });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
