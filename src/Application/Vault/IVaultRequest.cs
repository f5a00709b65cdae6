using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault;

/// <summary>
/// A request about one existing vault. <see cref="VaultAccessBehavior{TMessage,TResponse}"/> makes sure a caller
/// without <see cref="RequiredPermission"/> on it learns nothing from the request's details.
/// </summary>
public interface IVaultRequest
{
    UserId CallerId { get; }

    Guid VaultId { get; }

    Permission RequiredPermission { get; }
}
