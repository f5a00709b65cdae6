using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Flags.ListFlags;

public sealed record ListFlagsQuery(BillingCaller Caller) : IQuery<Result<IReadOnlyList<FlagView>>>;

public sealed class ListFlagsQueryHandler(IBillingDbContext db, TypeAdapterConfig mappings) : IQueryHandler<ListFlagsQuery, Result<IReadOnlyList<FlagView>>>
{
    public async ValueTask<Result<IReadOnlyList<FlagView>>> Handle(ListFlagsQuery query, CancellationToken cancellationToken)
    {
        var allowed = query.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        var flags = await db.Flags.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
        return flags.Adapt<List<FlagView>>(mappings);
    }
}
