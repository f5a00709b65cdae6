using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Vault.History;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Vaults.CreateVault;

/// <summary>
/// Creates a vault at key epoch 1 with the creator as its admin. The client made the vault key and sends it
/// wrapped for its own public key and signed by itself (docs/crypto-format.md); the server checks only the format.
/// The tenant's vault count grows in the same transaction, within its plan (<see cref="ChangeUsageCommand"/>).
/// <see cref="History"/>, optional so that clients without signed history keep working: the vault's first history
/// record, a seq-1 checkpoint naming the creator as admin (ADR-0032 §5). Without it the vault has no history until an
/// admin writes its first checkpoint.
/// </summary>
public sealed record CreateVaultCommand(
    UserId UserId, TenantId TenantId, Guid VaultId, VaultKind Kind, string? EncryptedMetadata, string WrappedKey, string GranterSignature, string? History = null)
    : ICommand<Result<VaultSummary>>;

public sealed class CreateVaultCommandHandler(IVaultDbContext db, ISender sender, VaultHistory history, TimeProvider clock) : ICommandHandler<CreateVaultCommand, Result<VaultSummary>>
{
    public async ValueTask<Result<VaultSummary>> Handle(CreateVaultCommand command, CancellationToken cancellationToken)
    {
        if (await db.Vaults.AnyAsync(v => v.Id == command.VaultId, cancellationToken)) return new VaultAlreadyExists(command.VaultId);
        if (command.Kind == VaultKind.Personal
            && await db.Vaults.AnyAsync(v => v.CreatedBy == command.UserId && v.Kind == VaultKind.Personal, cancellationToken))
            return new PersonalVaultExists();

        var genesis = VaultHistory.Decode(command.History);
        if (genesis.IsFailure) return genesis.Error;
        var now = clock.GetUtcNow();
        var metadata = command.EncryptedMetadata is null ? null : Convert.FromBase64String(command.EncryptedMetadata);
        var vault = Domain.Vault.Vaults.Vault.Create(command.VaultId, command.TenantId, command.Kind, command.UserId, metadata, now);
        var access = AccessRecord.Grant(
            vault.Id, command.UserId, Permission.Admin, vault.KeyEpoch, Convert.FromBase64String(command.WrappedKey), command.UserId,
            Convert.FromBase64String(command.GranterSignature), expiresAt: null, vault.Revision, now);
        db.Vaults.Add(vault);
        db.AccessRecords.Add(access);
        if (genesis.Value is { } record && history.Genesis(vault, command.UserId, record, access) is { IsFailure: true } refused) return refused.Error;
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with a create of the same id (or a second personal vault): the unique indexes decided.
            return new VaultAlreadyExists(command.VaultId);
        }

        var counted = await sender.Send(new ChangeUsageCommand(command.TenantId.Value, new UsageDelta(Vaults: 1), transaction.Shared), cancellationToken);
        if (counted.IsFailure) return counted.Error;
        await transaction.CommitAsync(cancellationToken);
        return VaultSummary.Of(vault, access, rekeyReasons: []);
    }
}
