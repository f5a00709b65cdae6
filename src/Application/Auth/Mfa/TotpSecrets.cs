using PasswordManager.Application.Contracts.Encryption;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Mfa;

/// <summary>TOTP secrets, kept in the Encryption module's field store under the tenant's key, never in the auth schema.</summary>
public sealed class TotpSecrets(IEncryptedFieldStore fields)
{
    public const string EncryptionId = "auth-totp";

    public Task<Result> PutAsync(TenantId tenant, UserId user, byte[] secret, CancellationToken cancellationToken) =>
        fields.PutAsync(tenant, Field(user), EncryptionId, secret, cancellationToken);

    public Task<Result<byte[]?>> GetAsync(TenantId tenant, UserId user, CancellationToken cancellationToken) =>
        fields.GetAsync(tenant, Field(user), cancellationToken);

    public Task DeleteAsync(TenantId tenant, UserId user, CancellationToken cancellationToken) =>
        fields.DeleteAsync(tenant, Field(user), cancellationToken);

    private static EncryptedFieldRef Field(UserId user) => new("auth", "totp_secret", user.Value.ToString("D"));
}
