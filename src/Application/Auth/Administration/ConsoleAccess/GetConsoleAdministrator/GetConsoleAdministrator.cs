using Mediator;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.ConsoleAccess.GetConsoleAdministrator;

/// <summary>
/// Checked on every console request: the administrator still is one and its device session still runs. A revoked or
/// logged-out device session, a demotion or a disable ends the console session at once.
/// </summary>
public sealed record GetConsoleAdministratorQuery(AdminActor Actor, Guid SessionId) : IQuery<Result<ConsoleAdministratorView>>;

public sealed class GetConsoleAdministratorQueryHandler(IAuthDbContext db, AdministrationScope scope)
    : IQueryHandler<GetConsoleAdministratorQuery, Result<ConsoleAdministratorView>>
{
    public async ValueTask<Result<ConsoleAdministratorView>> Handle(GetConsoleAdministratorQuery query, CancellationToken cancellationToken) =>
        await ConsoleAdministrators.ResolveAsync(db, scope, query.Actor, query.SessionId, cancellationToken);
}
