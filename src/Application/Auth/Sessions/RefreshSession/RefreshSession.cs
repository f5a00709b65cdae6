using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Accounts;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.RefreshSession;

public sealed record RefreshSessionCommand(string RefreshToken) : ICommand<Result<RefreshSessionResult>>;

public sealed record RefreshSessionResult(string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken, Guid SessionId)
{
    public string TokenType { get; init; } = "Bearer";
}

public sealed class RefreshSessionCommandHandler(
    IAuthDbContext db, IAccessTokenIssuer tokens, AccountStanding standing, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<RefreshSessionCommand, Result<RefreshSessionResult>>
{
    private const int Attempts = 3;

    public async ValueTask<Result<RefreshSessionResult>> Handle(RefreshSessionCommand command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RotateAsync(command.RefreshToken, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Another refresh of the same family committed first; re-read and decide again.
                db.DiscardChanges();
            }
        }
    }

    private async Task<Result<RefreshSessionResult>> RotateAsync(string presentedToken, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.Hash(presentedToken);
        var presented = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (presented is null) return new InvalidRefreshToken();

        var session = await db.Sessions.SingleAsync(s => s.Id == presented.SessionId, cancellationToken);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == session.UserId, cancellationToken);
        if (await standing.CheckAsync(user, cancellationToken) is { } refused) return refused;
        var siblings = await db.RefreshTokens
            .Where(t => t.SessionId == session.Id && t.UsedAt == null && t.Id != presented.Id)
            .ToListAsync(cancellationToken);

        var newToken = OpaqueToken.Generate();
        var rotated = session.Rotate(
            presented, siblings, OpaqueToken.Hash(newToken), clock.GetUtcNow(), policy.RefreshReuseGrace, policy.RefreshTokenLifetime);
        if (rotated.IsFailure)
        {
            await db.SaveChangesAsync(cancellationToken);
            return rotated.Error;
        }

        db.RefreshTokens.Add(rotated.Value);
        await db.SaveChangesAsync(cancellationToken);

        var access = tokens.Issue(user, session.Id, policy.IsInstanceAdministrator(user.NormalizedUsername));
        return new RefreshSessionResult(access.Token, access.ExpiresAt, newToken, session.Id);
    }
}
