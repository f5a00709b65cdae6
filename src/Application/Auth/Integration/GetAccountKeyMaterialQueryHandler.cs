using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Integration;

public sealed class GetAccountKeyMaterialQueryHandler(IAuthDbContext db) : IQueryHandler<GetAccountKeyMaterialQuery, AccountKeyMaterial?>
{
    public async ValueTask<AccountKeyMaterial?> Handle(GetAccountKeyMaterialQuery query, CancellationToken cancellationToken)
    {
        var userId = new UserId(query.UserId);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null
            ? null
            : new AccountKeyMaterial(
                user.Id.Value, user.Username, user.Kdf.MemoryKiB, user.Kdf.Iterations, user.Kdf.Parallelism, user.KdfSalt,
                user.EncryptedUserKey, user.EncryptedPrivateKeys, user.PublicKeyBundle);
    }
}
