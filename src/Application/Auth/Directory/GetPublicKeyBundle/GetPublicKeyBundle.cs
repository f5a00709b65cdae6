using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Directory.GetPublicKeyBundle;

/// <summary>
/// A user's self-signed public key bundle, looked up by username within the caller's tenant. Clients verify
/// the bundle and compare its fingerprint out of band; the server cannot forge one without the user's
/// signing key, and pinned clients notice a substituted one.
/// </summary>
public sealed record GetPublicKeyBundleQuery(TenantId TenantId, string Username) : IQuery<Result<PublicKeyBundleResult>>;

/// <summary>
/// The bundle and, after key rotations, the hand-over statements that lead to it (oldest first, docs/crypto-format.md
/// §6.1): a client that pinned an earlier bundle re-pins only if the chain verifies from its pin.
/// </summary>
public sealed record PublicKeyBundleResult(Guid UserId, string Username, byte[] PublicKeyBundle, IReadOnlyList<byte[]> Handovers)
{
    internal static PublicKeyBundleResult From(Guid userId, string username, byte[] bundle, byte[] handovers) =>
        new(userId, username, bundle, EnvelopeFormat.SplitKeyHandovers(handovers));
}

public sealed class GetPublicKeyBundleQueryHandler(IAuthDbContext db) : IQueryHandler<GetPublicKeyBundleQuery, Result<PublicKeyBundleResult>>
{
    public async ValueTask<Result<PublicKeyBundleResult>> Handle(GetPublicKeyBundleQuery query, CancellationToken cancellationToken)
    {
        var normalized = Username.Normalize(query.Username);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUsername == normalized && u.TenantId == query.TenantId)
            .Select(u => new { Id = u.Id.Value, u.Username, u.PublicKeyBundle, u.KeyHandovers })
            .SingleOrDefaultAsync(cancellationToken);
        // Another tenant's user answers exactly like an unknown one.
        return user is null ? new UserNotFound() : PublicKeyBundleResult.From(user.Id, user.Username, user.PublicKeyBundle, user.KeyHandovers);
    }
}
