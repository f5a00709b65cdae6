using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Sdk.Auth.Contracts;

/// <summary>
/// A master-password or KDF change: the current authHash, and the new authHash, salt, parameters and wrapped USK;
/// with MFA on, a TOTP <see cref="Code"/> or a <see cref="RecoveryCode"/> too.
/// </summary>
public sealed record ChangeMasterPasswordRequest(
    byte[] CurrentAuthHash, byte[] NewAuthHash, KdfParameters Kdf, byte[] KdfSalt, byte[] EncryptedUserKey,
    string? Code = null, string? RecoveryCode = null);

public sealed record ChangeMasterPasswordResponse(int RevokedSessions);

public sealed record SetPasswordHintRequest(string? PasswordHint);

/// <summary>A fresh authHash; with MFA on, a TOTP <see cref="Code"/> or a <see cref="RecoveryCode"/> too.</summary>
public sealed record DeleteAccountRequest(byte[] AuthHash, string? Code = null, string? RecoveryCode = null);

public sealed record DeleteAccountResponse(int DeletedVaults, int LeftVaults, DateTimeOffset UsernameReservedUntil);

/// <summary>The details of <c>auth.account_deletion_blocked</c>: each shared vault that blocks the deletion, and why.</summary>
public sealed record AccountDeletionBlockers(IReadOnlyList<AccountDeletionBlocker> Vaults);

/// <param name="VaultId">The vault.</param>
/// <param name="Reason"><c>owner</c>, <c>sole_admin</c> or <c>signed_others_access</c>.</param>
public sealed record AccountDeletionBlocker(Guid VaultId, string Reason);

/// <summary>
/// A key rotation: a fresh authHash (and a second factor when MFA is on), the new private keys wrapped under the USK, the
/// new bundle, the hand-over statement signed by the old signing key, and every access record to replace.
/// </summary>
public sealed record RotateKeysRequest(
    byte[] AuthHash,
    string? Code,
    string? RecoveryCode,
    byte[] EncryptedPrivateKeys,
    byte[] PublicKeyBundle,
    byte[] Handover,
    IReadOnlyList<RotatedAccessRecord> AccessRecords);

/// <summary>An own record re-sealed to the new key (<see cref="WrappedKey"/> set) or another member's record re-signed (no key).</summary>
public sealed record RotatedAccessRecord(Guid VaultId, Guid UserId, long KeyEpoch, byte[]? WrappedKey, byte[] GranterSignature);

public sealed record RotateKeysResponse(int Vaults, int AccessRecords);
