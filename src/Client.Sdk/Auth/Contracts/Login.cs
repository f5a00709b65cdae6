using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Sdk.Auth.Contracts;

/// <summary>Login with the authHash derived from the master password. With MFA on the server answers <c>auth.mfa_required</c> and a ticket for <see cref="LoginMfaRequest"/>.</summary>
public sealed record LoginRequest(string Username, byte[] AuthHash, DeviceInfo Device);

public sealed record LoginResponse(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    Guid SessionId,
    UnlockMaterial Account,
    int? RecoveryCodesRemaining = null);

/// <summary>The encrypted account keys; opened locally with the master key, and verified against the public key bundle.</summary>
public sealed record UnlockMaterial(
    Guid UserId,
    string Username,
    Guid TenantId,
    TenantRole Role,
    KdfParameters Kdf,
    byte[] KdfSalt,
    byte[] EncryptedUserKey,
    byte[] EncryptedPrivateKeys,
    byte[] PublicKeyBundle);
