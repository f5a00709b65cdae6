using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.ApiKeys.RevokeApiKey;

public sealed record RevokeApiKeyCommand(UserId UserId, string ApiKeyId) : ICommand<Result>;

public sealed class RevokeApiKeyCommandHandler(IAuthDbContext db, ISecurityEventRecorder events, TimeProvider clock) : ICommandHandler<RevokeApiKeyCommand, Result>
{
    public async ValueTask<Result> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        // Someone else's key answers "not found", so key ids cannot be probed.
        var key = await db.ApiKeys.SingleOrDefaultAsync(
            k => k.Id == command.ApiKeyId && k.UserId == command.UserId && k.RevokedAt == null, cancellationToken);
        if (key is null) return new ApiKeyNotFound(command.ApiKeyId);

        key.Revoke(clock.GetUtcNow());
        var user = await db.Users.SingleAsync(u => u.Id == command.UserId, cancellationToken);
        events.Record(user, SecurityEventTypes.ApiKeyRevoked, details: new Dictionary<string, object> { ["apiKeyId"] = key.Id });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
