using Mediator;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.GrantAccess;

/// <summary>
/// An admin adds a member: the vault key of the current epoch wrapped for the recipient's public key and signed
/// by the admin (<see cref="AccessGrants"/>). One record, whatever the vault's size.
/// </summary>
public sealed record GrantAccessCommand(
    UserId GranterId, TenantId TenantId, Guid VaultId, Guid RecipientId, Permission Permission, long KeyEpoch, string WrappedKey,
    string GranterSignature, DateTimeOffset? ExpiresAt, string? History = null) : ICommand<Result<MemberAccess>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => GranterId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class GrantAccessCommandHandler(AccessGrants grants) : ICommandHandler<GrantAccessCommand, Result<MemberAccess>>
{
    public async ValueTask<Result<MemberAccess>> Handle(GrantAccessCommand command, CancellationToken cancellationToken) =>
        await grants.GrantAsync(new AccessGrant(
            command.GranterId, command.TenantId, command.VaultId, command.RecipientId, command.Permission, command.KeyEpoch, command.WrappedKey,
            command.GranterSignature, command.ExpiresAt, command.History), cancellationToken);
}
