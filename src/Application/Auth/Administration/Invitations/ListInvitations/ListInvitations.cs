using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Invitations.ListInvitations;

/// <summary>The unused tenant invitations an administrator may see (expired ones too, so they can be resent), newest first.</summary>
public sealed record ListInvitationsQuery(AdminActor Actor, Guid? TenantId) : IQuery<Result<ListInvitationsResult>>;

public sealed record ListInvitationsResult(IReadOnlyList<AdminInvitationView> Items);

public sealed class ListInvitationsQueryHandler(IAuthDbContext db, AdministrationScope scope)
    : IQueryHandler<ListInvitationsQuery, Result<ListInvitationsResult>>
{
    /// <summary>Open invitations are few (each is made by hand); the list is capped rather than paged.</summary>
    private const int MaxItems = 1000;

    public async ValueTask<Result<ListInvitationsResult>> Handle(ListInvitationsQuery query, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveAsync(query.Actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;

        var invitations = db.Invitations.AsNoTracking().Where(i => i.UsedAt == null);
        if (admin.Value.Tenant is { } own) invitations = invitations.Where(i => i.TenantId == own);
        if (query.TenantId is { } requested)
        {
            var tenant = new TenantId(requested);
            invitations = invitations.Where(i => i.TenantId == tenant);
        }

        var items = await invitations.OrderByDescending(i => i.CreatedAt).Take(MaxItems)
            .ProjectToType<AdminInvitationView>(AdministrationMapping.Config)
            .ToListAsync(cancellationToken);
        return new ListInvitationsResult(items);
    }
}
