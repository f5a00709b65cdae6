using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Sdk.Auth.Contracts;

public sealed record RegisterRequest(
    Guid UserId,
    string Username,
    string? Email,
    byte[] AuthHash,
    KdfParameters Kdf,
    byte[] KdfSalt,
    byte[] EncryptedUserKey,
    byte[] EncryptedPrivateKeys,
    byte[] PublicKeyBundle,
    string? PasswordHint,
    string? InvitationCode,
    string? OidcIdentityTicket = null);

public sealed record RegisterResponse(Guid UserId, Guid TenantId, TenantRole Role);
