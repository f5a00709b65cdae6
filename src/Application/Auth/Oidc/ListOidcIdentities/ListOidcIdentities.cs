using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Oidc.LinkOidcIdentity;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Oidc.ListOidcIdentities;

public sealed record ListOidcIdentitiesQuery(UserId UserId) : IQuery<ListOidcIdentitiesResult>;

public sealed record ListOidcIdentitiesResult(IReadOnlyList<OidcIdentityView> Items);

public sealed class ListOidcIdentitiesQueryHandler(IAuthDbContext db) : IQueryHandler<ListOidcIdentitiesQuery, ListOidcIdentitiesResult>
{
    public async ValueTask<ListOidcIdentitiesResult> Handle(ListOidcIdentitiesQuery query, CancellationToken cancellationToken)
    {
        var identities = await db.OidcIdentities.AsNoTracking()
            .Where(i => i.UserId == query.UserId)
            .OrderBy(i => i.LinkedAt)
            .ToListAsync(cancellationToken);
        return new ListOidcIdentitiesResult([.. identities.Select(OidcIdentityView.Of)]);
    }
}
