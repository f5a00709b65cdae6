using System.Data.Common;
using Mediator;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Contracts.Vault;

/// <summary>
/// Adds a member to a vault exactly as a direct grant does (the admin's permission, the tenant's plan, the vault's
/// current key epoch, under the vault's lock), inside the caller's open <see cref="Transaction"/>: the caller's own
/// change (an accepted invitation) and the grant commit together when the caller commits. On a failure nothing of
/// the grant was written and the caller rolls back. <see cref="Permission"/> is the vault permission's value: 1 read,
/// 2 write, 3 admin. <see cref="History"/>: the grant's vault history record (base64), as a direct grant carries it.
/// </summary>
public sealed record GrantVaultAccessCommand(
    Guid GranterId, Guid TenantId, Guid VaultId, Guid RecipientId, int Permission, long KeyEpoch, string WrappedKey, string GranterSignature,
    DateTimeOffset? ExpiresAt, DbTransaction Transaction, string? History = null) : ICommand<Result<GrantedVaultAccess>>;

/// <summary>The member's access record as the grant wrote it.</summary>
public sealed record GrantedVaultAccess(
    Guid UserId, int Permission, long KeyEpoch, byte[] WrappedKey, Guid GranterId, byte[] GranterSignature, DateTimeOffset? ExpiresAt);
