using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Accounts.Prelogin;

public sealed record PreloginQuery(string Username) : IQuery<PreloginResult>;

public sealed record PreloginResult(KdfParameters Kdf, byte[] KdfSalt);

public sealed class PreloginQueryHandler(IAuthDbContext db, IUnknownUserDecoy decoy) : IQueryHandler<PreloginQuery, PreloginResult>
{
    public async ValueTask<PreloginResult> Handle(PreloginQuery query, CancellationToken cancellationToken)
    {
        var normalized = Username.Normalize(query.Username);
        var account = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUsername == normalized)
            .Select(u => new PreloginResult(u.Kdf, u.KdfSalt))
            .SingleOrDefaultAsync(cancellationToken);

        // The decoy is computed on every call so known and unknown usernames cost the same.
        var decoySalt = decoy.KdfSaltFor(normalized);
        return account ?? new PreloginResult(KdfParameters.Default, decoySalt);
    }
}
