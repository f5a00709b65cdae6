using Mediator;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users.GetUser;

public sealed record GetUserQuery(AdminActor Actor, Guid UserId) : IQuery<Result<AdminUserView>>;

public sealed class GetUserQueryHandler(IAuthDbContext db, AdministrationScope scope) : IQueryHandler<GetUserQuery, Result<AdminUserView>>
{
    public async ValueTask<Result<AdminUserView>> Handle(GetUserQuery query, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveUserAsync(query.Actor, query.UserId, cancellationToken);
        if (found.IsFailure) return found.Error;
        return await AdminUserView.OfAsync(db, found.Value.Target, cancellationToken);
    }
}
