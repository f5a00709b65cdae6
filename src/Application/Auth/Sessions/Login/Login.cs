using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.Login;

public sealed record LoginCommand(string Username, string AuthHash, DeviceInfo Device) : ICommand<Result<LoginResult>>;

public sealed record DeviceInfo(Guid Id, string Name, DeviceType Type);

/// <summary>Tokens plus everything a client needs to unlock the account locally.</summary>
public sealed record LoginResult(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    Guid SessionId,
    UnlockMaterial Account)
{
    public string TokenType { get; init; } = "Bearer";
}

public sealed record UnlockMaterial(
    Guid UserId,
    string Username,
    Guid TenantId,
    TenantRole Role,
    KdfParameters Kdf,
    byte[] KdfSalt,
    byte[] EncryptedUserKey,
    byte[] EncryptedPrivateKeys,
    byte[] PublicKeyBundle)
{
    public static UnlockMaterial Of(User user) => new(
        user.Id.Value, user.Username, user.TenantId.Value, user.Role, user.Kdf, user.KdfSalt,
        user.EncryptedUserKey, user.EncryptedPrivateKeys, user.PublicKeyBundle);
}

public sealed class LoginCommandHandler(
    IAuthDbContext db, IAuthHashHasher hasher, IAccessTokenIssuer tokens, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<LoginCommand, Result<LoginResult>>
{
    public async ValueTask<Result<LoginResult>> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var normalized = Username.Normalize(command.Username);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);

        // Unknown users pay for a decoy hash too, so a failed login takes as long either way.
        var verification = hasher.Verify(user?.AuthVerifier, Convert.FromBase64String(command.AuthHash));
        if (user is null || verification == AuthHashVerification.Failed) return new InvalidCredentials();

        var now = clock.GetUtcNow();
        if (verification == AuthHashVerification.SucceededRehashNeeded)
            user.UpgradeVerifier(hasher.Hash(Convert.FromBase64String(command.AuthHash)), now);

        var previousOnDevice = await db.Sessions
            .Where(s => s.UserId == user.Id && s.DeviceId == command.Device.Id && s.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var previous in previousOnDevice) previous.Revoke(RevocationReasons.ReplacedByNewLogin, now);

        var refreshToken = OpaqueToken.Generate();
        var (session, token) = DeviceSession.Start(
            user.Id, command.Device.Id, command.Device.Name.Trim(), command.Device.Type,
            OpaqueToken.Hash(refreshToken), now, policy.RefreshTokenLifetime);
        db.Sessions.Add(session);
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);

        var access = tokens.Issue(user, session.Id, policy.IsInstanceAdministrator(user.NormalizedUsername));
        return new LoginResult(access.Token, access.ExpiresAt, refreshToken, session.Id, UnlockMaterial.Of(user));
    }
}
