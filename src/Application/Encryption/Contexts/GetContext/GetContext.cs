using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Contexts.GetContext;

public sealed record GetContextQuery(TenantId TenantId, string EncryptionId) : IQuery<Result<ContextDetails>>;

public sealed class GetContextQueryHandler(IEncryptionDbContext db) : IQueryHandler<GetContextQuery, Result<ContextDetails>>
{
    public async ValueTask<Result<ContextDetails>> Handle(GetContextQuery query, CancellationToken cancellationToken)
    {
        var context = await db.Contexts.AsNoTracking().Include(c => c.Versions)
            .SingleOrDefaultAsync(c => c.TenantId == query.TenantId && c.EncryptionId == query.EncryptionId, cancellationToken);
        if (context is null) return new EncryptionContextNotFound();
        return ContextDetails.Of(context);
    }
}
