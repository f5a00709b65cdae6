using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.ChangeMasterPassword;

/// <summary>
/// A new master password, or new KDF parameters for the same one (<c>pm kdf</c>): the client re-wrapped its USK
/// under the new KEK. The current authHash proves the caller knows the password; in one save the verifier,
/// salt, parameters and wrapped USK are swapped and every other session of the account is revoked.
/// </summary>
public sealed record ChangeMasterPasswordCommand(
    UserId UserId,
    Guid CurrentSessionId,
    string CurrentAuthHash,
    string NewAuthHash,
    KdfParameters Kdf,
    string KdfSalt,
    string EncryptedUserKey) : ICommand<Result<ChangeMasterPasswordResult>>;

public sealed record ChangeMasterPasswordResult(int RevokedSessions);

public sealed class ChangeMasterPasswordCommandHandler(IAuthDbContext db, IAuthHashHasher hasher, TimeProvider clock)
    : ICommandHandler<ChangeMasterPasswordCommand, Result<ChangeMasterPasswordResult>>
{
    public async ValueTask<Result<ChangeMasterPasswordResult>> Handle(ChangeMasterPasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null) return new UserNotFound();
        if (hasher.Verify(user.AuthVerifier, Convert.FromBase64String(command.CurrentAuthHash)) == AuthHashVerification.Failed)
            return new WrongMasterPassword();

        var now = clock.GetUtcNow();
        user.ChangeMasterPassword(
            hasher.Hash(Convert.FromBase64String(command.NewAuthHash)), command.Kdf, Convert.FromBase64String(command.KdfSalt),
            Convert.FromBase64String(command.EncryptedUserKey), now);
        var others = await db.Sessions
            .Where(s => s.UserId == command.UserId && s.Id != command.CurrentSessionId && s.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var session in others) session.Revoke(RevocationReasons.PasswordChanged, now);
        await db.SaveChangesAsync(cancellationToken);
        return new ChangeMasterPasswordResult(others.Count);
    }
}
