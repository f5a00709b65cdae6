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
