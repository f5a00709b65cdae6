using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Sdk.Auth.Contracts;

/// <summary>Login with the authHash derived from the master password; <see cref="MfaCode"/> is sent only after the server answered <c>auth.mfa_required</c>.</summary>
public sealed record LoginRequest(string Username, byte[] AuthHash, DeviceInfo Device, string? MfaCode = null);

public sealed record LoginResponse(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    Guid SessionId,
    UnlockMaterial Account);

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
