using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Administration;

/// <summary>What every administration use case does alike: record the action, end sessions.</summary>
internal static class AdminActions
{
    /// <summary>Metadata only: who acted, on what, and how (ADR-0021).</summary>
    public static void Record(
        this ISecurityEventRecorder events, User on, string type, Administrator admin, IReadOnlyDictionary<string, object>? facts = null)
    {
        var details = new Dictionary<string, object>
        {
            ["actorId"] = admin.User.Id.Value,
            ["actor"] = admin.IsInstanceAdministrator ? "instance_admin" : "tenant_admin",
        };
        foreach (var (key, value) in facts ?? new Dictionary<string, object>()) details[key] = value;
        events.Record(on, type, details: details);
    }

    /// <summary>
    /// Marks every active session of the users <paramref name="sessionsOf"/> selects as revoked (tracked, saved with the
    /// caller's <c>SaveChangesAsync</c>); the database announces each to every server process (ADR-0018).
    /// </summary>
    public static async Task<int> RevokeSessionsAsync(
        IAuthDbContext db, IQueryable<User> sessionsOf, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sessions = await db.Sessions
            .Where(s => s.RevokedAt == null && sessionsOf.Any(u => u.Id == s.UserId))
            .ToListAsync(cancellationToken);
        foreach (var session in sessions) session.Revoke(reason, now);
        return sessions.Count;
    }
}
