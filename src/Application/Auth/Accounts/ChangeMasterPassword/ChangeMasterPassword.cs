using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.ChangeMasterPassword;

/// <summary>
/// A new master password, or new KDF parameters for the same one (<c>pm kdf</c>): the client re-wrapped its USK
/// under the new KEK. The current authHash (and a second factor when MFA is on) proves the caller knows the
/// password; in one save the verifier, salt, parameters and wrapped USK are swapped, every other session of the
/// account is revoked and a <c>password_changed</c> security event is recorded.
/// </summary>
public sealed record ChangeMasterPasswordCommand(
    UserId UserId,
    Guid CurrentSessionId,
    string CurrentAuthHash,
    string NewAuthHash,
    KdfParameters Kdf,
    string KdfSalt,
    string EncryptedUserKey,
    string? Code = null,
    string? RecoveryCode = null) : ICommand<Result<ChangeMasterPasswordResult>>;

public sealed record ChangeMasterPasswordResult(int RevokedSessions);

public sealed class ChangeMasterPasswordCommandHandler(
    IAuthDbContext db, IAuthHashHasher hasher, Reauthentication reauthentication, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<ChangeMasterPasswordCommand, Result<ChangeMasterPasswordResult>>
{
    public async ValueTask<Result<ChangeMasterPasswordResult>> Handle(ChangeMasterPasswordCommand command, CancellationToken cancellationToken)
    {
        var verified = await reauthentication.VerifyWithSecondFactorAsync(
            command.UserId, command.CurrentAuthHash, command.Code, command.RecoveryCode, cancellationToken);
        if (verified.IsFailure) return verified.Error;
        var user = verified.Value;

        var now = clock.GetUtcNow();
        var kdfChanged = user.Kdf != command.Kdf;
        user.ChangeMasterPassword(
            hasher.Hash(Convert.FromBase64String(command.NewAuthHash)), command.Kdf, Convert.FromBase64String(command.KdfSalt),
            Convert.FromBase64String(command.EncryptedUserKey), now);
        var others = await db.Sessions
            .Where(s => s.UserId == command.UserId && s.Id != command.CurrentSessionId && s.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var session in others) session.Revoke(RevocationReasons.PasswordChanged, now);
        events.Record(user, SecurityEventTypes.PasswordChanged, details: new Dictionary<string, object>
        {
            ["kdfChanged"] = kdfChanged,
            ["revokedSessions"] = others.Count,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new ChangeMasterPasswordResult(others.Count);
    }
}
