using Mediator;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Contracts.Vault;

/// <summary>
/// Whether <see cref="UserId"/> is an active admin of the vault: a failure is the answer the vault gives a caller
/// without that access (<c>vault.not_found</c> without any access, <c>vault.admin_forbidden</c> below admin).
/// </summary>
public sealed record RequireVaultAdminQuery(Guid VaultId, Guid UserId) : IQuery<Result<VaultAdminAccess>>;

/// <summary>The vault as its admin may know it: a personal vault cannot be shared.</summary>
public sealed record VaultAdminAccess(Guid VaultId, Guid TenantId, bool Personal);
