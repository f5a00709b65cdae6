using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.ConsoleAccess.OpenConsoleSession;

/// <summary>
/// Spends a console link (first attempt, right or wrong for its device session) and names the administrator the console
/// session is for. The console session carries admin rights only and stays bound to <see cref="ConsoleAdministratorView.SessionId"/>.
/// </summary>
public sealed record OpenConsoleSessionCommand(string Token) : ICommand<Result<ConsoleAdministratorView>>;

public sealed class OpenConsoleSessionCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<OpenConsoleSessionCommand, Result<ConsoleAdministratorView>>
{
    public const string EventType = "console_signed_in";

    public async ValueTask<Result<ConsoleAdministratorView>> Handle(OpenConsoleSessionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = OpaqueToken.Hash(command.Token);
        var link = await db.ConsoleLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || !link.IsUsable(now)) return new ConsoleLinkInvalid();
        link.Use(now);
        await db.SaveChangesAsync(cancellationToken);

        var admin = await ConsoleAdministrators.ResolveAsync(db, scope, new AdminActor(link.UserId, link.InstanceAdministrator), link.SessionId, cancellationToken);
        if (admin.IsFailure) return new ConsoleLinkInvalid();

        var user = await db.Users.SingleAsync(u => u.Id == link.UserId, cancellationToken);
        events.Record(user, EventType, new Administrator(user, admin.Value.InstanceAdministrator ? null : user.TenantId),
            new Dictionary<string, object> { ["sessionId"] = link.SessionId });
        await db.SaveChangesAsync(cancellationToken);
        return admin.Value;
    }
}
