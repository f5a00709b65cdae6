using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users;

/// <summary>Adds the session and MFA facts to a page of <see cref="AdminUserView"/>s, in two queries for the whole page.</summary>
internal static class AdminUserStatistics
{
    public static async Task<List<AdminUserView>> AddAsync(IAuthDbContext db, IReadOnlyList<AdminUserView> users, CancellationToken cancellationToken)
    {
        var ids = users.Select(u => new UserId(u.UserId)).ToList();
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => ids.Contains(s.UserId))
            .GroupBy(s => s.UserId)
            .Select(g => new { UserId = g.Key, Active = g.Count(s => s.RevokedAt == null), LastSignInAt = g.Max(s => s.CreatedAt) })
            .ToDictionaryAsync(s => s.UserId.Value, cancellationToken);
        var withMfa = (await db.TotpAuthenticators.AsNoTracking()
            .Where(t => ids.Contains(t.UserId) && t.ConfirmedAt != null)
            .Select(t => t.UserId)
            .ToListAsync(cancellationToken)).Select(id => id.Value).ToHashSet();

        return [.. users.Select(u => sessions.TryGetValue(u.UserId, out var s)
            ? u with { MfaEnabled = withMfa.Contains(u.UserId), ActiveSessions = s.Active, LastSignInAt = s.LastSignInAt }
            : u with { MfaEnabled = withMfa.Contains(u.UserId) })];
    }
}
