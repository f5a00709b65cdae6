using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.ConsoleAccess.CreateConsoleLink;

/// <summary>
/// A one-time admin console sign-in link for the caller's current device session (ADR-0028): single use, valid for
/// <see cref="ConsoleLink.Lifetime"/>, only its hash stored. The session already passed the master password and MFA.
/// </summary>
public sealed record CreateConsoleLinkCommand(AdminActor Actor, Guid SessionId) : ICommand<Result<CreatedConsoleLink>>;

/// <summary><see cref="Token"/> is shown once; the console's sign-in page takes it.</summary>
public sealed record CreatedConsoleLink(string Token, DateTimeOffset ExpiresAt);

public sealed class CreateConsoleLinkCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<CreateConsoleLinkCommand, Result<CreatedConsoleLink>>
{
    public const string EventType = "console_link_created";

    public async ValueTask<Result<CreatedConsoleLink>> Handle(CreateConsoleLinkCommand command, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveAsync(command.Actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        if (!await db.Sessions.AnyAsync(s => s.Id == command.SessionId && s.UserId == command.Actor.UserId && s.RevokedAt == null, cancellationToken))
            return new NotAdministrator();

        var now = clock.GetUtcNow();
        var token = OpaqueToken.Generate();
        var link = ConsoleLink.Issue(admin.Value.User.Id, command.SessionId, admin.Value.IsInstanceAdministrator, OpaqueToken.Hash(token), now);
        db.ConsoleLinks.Add(link);
        await db.ConsoleLinks.Where(l => l.UserId == admin.Value.User.Id && l.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        events.Record(admin.Value.User, EventType, admin.Value, new Dictionary<string, object> { ["sessionId"] = command.SessionId });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedConsoleLink(token, link.ExpiresAt);
    }
}
