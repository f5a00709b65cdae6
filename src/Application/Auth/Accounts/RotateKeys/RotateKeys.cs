using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.RotateKeys;

/// <summary>
/// New account key pairs (<c>pm rotate-keys</c>) after a fresh authHash (and a second factor when MFA is on): in one
/// transaction the new wrapped private keys, the new bundle and the hand-over statement from the current bundle replace
/// the old ones, and the Vault module replaces the account's access records (<see cref="ReplaceRotatedAccessRecordsCommand"/>).
/// The server checks formats and sets only; the signatures are for the clients to verify.
/// </summary>
public sealed record RotateKeysCommand(
    UserId UserId,
    string AuthHash,
    string? Code,
    string? RecoveryCode,
    string EncryptedPrivateKeys,
    string PublicKeyBundle,
    string Handover,
    IReadOnlyList<RotateKeysAccessRecord> AccessRecords) : ICommand<Result<RotateKeysResult>>;

/// <summary>One re-sealed (own, <see cref="WrappedKey"/> given) or re-signed (another member's, no key) access record.</summary>
public sealed record RotateKeysAccessRecord(Guid VaultId, Guid UserId, long KeyEpoch, string? WrappedKey, string GranterSignature);

public sealed record RotateKeysResult(int Vaults, int AccessRecords);

public sealed class RotateKeysCommandHandler(
    IAuthDbContext db, Reauthentication reauthentication, ISecurityEventRecorder events, ISender sender, TimeProvider clock)
    : ICommandHandler<RotateKeysCommand, Result<RotateKeysResult>>
{
    public async ValueTask<Result<RotateKeysResult>> Handle(RotateKeysCommand command, CancellationToken cancellationToken)
    {
        var verified = await reauthentication.VerifyWithSecondFactorAsync(
            command.UserId, command.AuthHash, command.Code, command.RecoveryCode, cancellationToken);
        if (verified.IsFailure) return verified.Error;
        var user = verified.Value;

        var bundle = Convert.FromBase64String(command.PublicKeyBundle);
        var handover = Convert.FromBase64String(command.Handover);
        var current = user.PublicKeyBundle;
        if (bundle.AsSpan().SequenceEqual(current)) return new KeyRotationConflict("the new public key is the current one");
        if (!EnvelopeFormat.IsKeyHandover(handover, current, bundle))
            return new KeyRotationConflict("the hand-over does not go from your current public key to the new one");

        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);

        // Locks the account row and re-checks the bundle inside the transaction: of two concurrent rotations from the
        // same bundle, the second finds it changed.
        var locked = await db.Users.Where(u => u.Id == user.Id && u.PublicKeyBundle == current)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.UpdatedAt, now), cancellationToken);
        if (locked != 1) return new KeyRotationConflict("another device rotated the keys first");

        var records = command.AccessRecords
            .Select(r => new RotatedAccessRecord(
                r.VaultId, r.UserId, r.KeyEpoch, r.WrappedKey is null ? null : Convert.FromBase64String(r.WrappedKey),
                Convert.FromBase64String(r.GranterSignature)))
            .ToList();
        var replaced = await sender.Send(new ReplaceRotatedAccessRecordsCommand(user.Id.Value, records, transaction.Shared), cancellationToken);
        if (replaced.Conflict is not null) return new KeyRotationConflict(replaced.Conflict);

        user.RotateKeys(Convert.FromBase64String(command.EncryptedPrivateKeys), bundle, handover, now);
        events.Record(user, SecurityEventTypes.KeysRotated, details: new Dictionary<string, object>
        {
            ["vaults"] = replaced.Vaults,
            ["accessRecords"] = replaced.Records,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RotateKeysResult(replaced.Vaults, replaced.Records);
    }
}
