using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Integration;

public sealed class GetUserTenantQueryHandler(IAuthDbContext db) : IQueryHandler<GetUserTenantQuery, Guid?>
{
    public async ValueTask<Guid?> Handle(GetUserTenantQuery query, CancellationToken cancellationToken)
    {
        var userId = new UserId(query.UserId);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (Guid?)u.TenantId.Value).SingleOrDefaultAsync(cancellationToken);
    }
}
