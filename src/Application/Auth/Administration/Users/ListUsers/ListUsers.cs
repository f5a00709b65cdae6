using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users.ListUsers;

/// <summary>
/// A page of the users an administrator may see, in username order (<see cref="After"/> is the previous page's
/// cursor). <see cref="Search"/> matches a part of the username or email; <see cref="TenantId"/> narrows an instance
/// administrator's view to one tenant (a tenant admin always sees only its own); <see cref="Disabled"/> to disabled or
/// enabled accounts.
/// </summary>
public sealed record ListUsersQuery(AdminActor Actor, string? Search, Guid? TenantId, string? After, int Limit, bool? Disabled = null)
    : IQuery<Result<ListUsersResult>>;

public sealed record ListUsersResult(IReadOnlyList<AdminUserView> Items, string? NextCursor);

public sealed class ListUsersQueryHandler(IAuthDbContext db, AdministrationScope scope) : IQueryHandler<ListUsersQuery, Result<ListUsersResult>>
{
    public async ValueTask<Result<ListUsersResult>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveAsync(query.Actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;

        var users = db.Users.AsNoTracking();
        if (admin.Value.Tenant is { } own) users = users.Where(u => u.TenantId == own);
        if (query.TenantId is { } requested)
        {
            var tenant = new TenantId(requested);
            users = users.Where(u => u.TenantId == tenant);
        }
        if (query.Search is { Length: > 0 } search)
        {
            var pattern = "%" + Escape(search.Trim().ToLowerInvariant()) + "%";
            users = users.Where(u => EF.Functions.Like(u.NormalizedUsername, pattern, "\\") || (u.Email != null && EF.Functions.Like(u.Email, pattern, "\\")));
        }
        if (query.Disabled is { } disabled) users = users.Where(u => (u.DisabledAt != null) == disabled);
        if (query.After is not null) users = users.Where(u => string.Compare(u.NormalizedUsername, query.After) > 0);

        var page = await users
            .OrderBy(u => u.NormalizedUsername)
            .Take(query.Limit + 1)
            .ProjectToType<AdminUserView>(AdministrationMapping.Config)
            .ToListAsync(cancellationToken);
        var hasMore = page.Count > query.Limit;
        if (hasMore) page.RemoveAt(page.Count - 1);
        var items = await AdminUserStatistics.AddAsync(db, page, cancellationToken);
        return new ListUsersResult(items, hasMore ? Username.Normalize(items[^1].Username) : null);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
