using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Integration;

public sealed class FindUsersByIdentifierQueryHandler(IAuthDbContext db) : IQueryHandler<FindUsersByIdentifierQuery, IReadOnlyDictionary<string, Guid>>
{
    public async ValueTask<IReadOnlyDictionary<string, Guid>> Handle(FindUsersByIdentifierQuery query, CancellationToken cancellationToken)
    {
        var identifiers = query.Identifiers.Select(Username.Normalize).Distinct().ToList();
        if (identifiers.Count == 0) return new Dictionary<string, Guid>();
        var tenant = new TenantId(query.TenantId);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.TenantId == tenant && (identifiers.Contains(u.NormalizedUsername) || (u.Email != null && identifiers.Contains(u.Email))))
            .Select(u => new { u.Id, u.NormalizedUsername, u.Email })
            .ToListAsync(cancellationToken);
        var found = new Dictionary<string, Guid>();
        // A username match wins over an email match of another user.
        foreach (var user in users.Where(u => u.Email is not null && identifiers.Contains(u.Email))) found[user.Email!] = user.Id.Value;
        foreach (var user in users.Where(u => identifiers.Contains(u.NormalizedUsername))) found[user.NormalizedUsername] = user.Id.Value;
        return found;
    }
}

public sealed class GetUserIdentifiersQueryHandler(IAuthDbContext db) : IQueryHandler<GetUserIdentifiersQuery, UserIdentifiers?>
{
    public async ValueTask<UserIdentifiers?> Handle(GetUserIdentifiersQuery query, CancellationToken cancellationToken)
    {
        var userId = new UserId(query.UserId);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserIdentifiers(u.Id.Value, u.TenantId.Value, u.NormalizedUsername, u.Email))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
