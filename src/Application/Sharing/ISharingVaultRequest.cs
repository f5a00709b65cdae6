using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Sharing;

/// <summary>
/// A request an admin of one existing vault makes. <see cref="SharingAccessBehavior{TMessage,TResponse}"/> makes sure
/// a caller who is not an admin of it learns nothing from the request's details.
/// </summary>
public interface ISharingVaultRequest
{
    UserId CallerId { get; }

    Guid VaultId { get; }
}
