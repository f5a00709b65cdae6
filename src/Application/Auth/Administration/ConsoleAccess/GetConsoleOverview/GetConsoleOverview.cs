using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.ConsoleAccess.GetConsoleOverview;

/// <summary>
/// The console's overview, over the tenants the administrator sees: counts, and sign-ins and failed sign-ins per UTC day
/// for the last <see cref="Days"/> days (oldest first, every day present), plus the email outbox's state.
/// </summary>
public sealed record GetConsoleOverviewQuery(AdminActor Actor, int Days) : IQuery<Result<ConsoleOverview>>;

public sealed record DailyCount(DateOnly Day, int Count);

public sealed record ConsoleOverview(
    int Users,
    int DisabledUsers,
    int Tenants,
    int SuspendedTenants,
    int ActiveSessions,
    IReadOnlyList<DailyCount> SignIns,
    IReadOnlyList<DailyCount> FailedSignIns,
    int PendingEmails,
    int FailedEmails,
    DateTimeOffset? OldestPendingEmailAt);

public sealed class GetConsoleOverviewQueryHandler(IAuthDbContext db, AdministrationScope scope, TimeProvider clock)
    : IQueryHandler<GetConsoleOverviewQuery, Result<ConsoleOverview>>
{
    public async ValueTask<Result<ConsoleOverview>> Handle(GetConsoleOverviewQuery query, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveAsync(query.Actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var firstDay = today.AddDays(1 - query.Days);
        var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var users = db.Users.AsNoTracking();
        var tenants = db.Tenants.AsNoTracking();
        var sessions = db.Sessions.AsNoTracking();
        var events = db.SecurityEvents.AsNoTracking();
        var emails = db.OutboxEmails.AsNoTracking();
        if (admin.Value.Tenant is { } own)
        {
            users = users.Where(u => u.TenantId == own);
            tenants = tenants.Where(t => t.Id == own);
            sessions = sessions.Where(s => db.Users.Any(u => u.Id == s.UserId && u.TenantId == own));
            events = events.Where(e => e.TenantId == own);
            emails = emails.Where(m => db.Users.Any(u => u.Id == m.UserId && u.TenantId == own));
        }

        var signIns = await sessions.Where(s => s.CreatedAt >= since).Select(s => s.CreatedAt).ToListAsync(cancellationToken);
        var failed = await events.Where(e => e.Type == SecurityEventTypes.LoginFailed && e.OccurredAt >= since)
            .Select(e => e.OccurredAt).ToListAsync(cancellationToken);
        return new ConsoleOverview(
            await users.CountAsync(cancellationToken),
            await users.CountAsync(u => u.DisabledAt != null, cancellationToken),
            await tenants.CountAsync(cancellationToken),
            await tenants.CountAsync(t => t.SuspendedAt != null, cancellationToken),
            await sessions.CountAsync(s => s.RevokedAt == null, cancellationToken),
            PerDay(signIns, firstDay, query.Days),
            PerDay(failed, firstDay, query.Days),
            await emails.CountAsync(m => m.SentAt == null && m.FailedAt == null, cancellationToken),
            await emails.CountAsync(m => m.FailedAt != null, cancellationToken),
            await emails.Where(m => m.SentAt == null && m.FailedAt == null).MinAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken));
    }

    private static List<DailyCount> PerDay(IEnumerable<DateTimeOffset> moments, DateOnly firstDay, int days)
    {
        var counts = moments.GroupBy(m => DateOnly.FromDateTime(m.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        return [.. Enumerable.Range(0, days).Select(i => firstDay.AddDays(i)).Select(day => new DailyCount(day, counts.GetValueOrDefault(day)))];
    }
}
