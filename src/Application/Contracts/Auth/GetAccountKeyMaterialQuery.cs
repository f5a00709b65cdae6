using Mediator;

namespace PasswordManager.Application.Contracts.Auth;

/// <summary>
/// An account's client-encrypted key material, as a client needs it to unlock (used by the Vault export so an
/// archive can be restored on another instance). Null for an unknown user.
/// </summary>
public sealed record GetAccountKeyMaterialQuery(Guid UserId) : IQuery<AccountKeyMaterial?>;

public sealed record AccountKeyMaterial(
    Guid UserId, string Username, int KdfMemoryKiB, int KdfIterations, int KdfParallelism, byte[] KdfSalt,
    byte[] EncryptedUserKey, byte[] EncryptedPrivateKeys, byte[] PublicKeyBundle);
