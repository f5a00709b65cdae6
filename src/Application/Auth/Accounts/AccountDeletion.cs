using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Accounts.DeleteAccount;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts;

/// <summary>
/// Deletes an account whose deletion was already authorized (by its own fresh authHash, or by an administrator), in one
/// transaction with the Vault and Sharing modules' parts (<see cref="RemoveAccountVaultDataCommand"/>,
/// <see cref="RemoveAccountSharingDataCommand"/>): sessions, refresh tokens
/// and API keys (by cascade), tenant invitations it made or used, the user row with its key material, bundle and hint,
/// and its vault data. The username and user id stay reserved for <see cref="AuthPolicy.DeletedUsernameReservationDays"/>.
/// Shared vaults others depend on block it (<see cref="AccountDeletionBlocked"/>), and then nothing changes.
/// </summary>
public sealed class AccountDeletion(
    IAuthDbContext db, ISender sender, TotpSecrets totpSecrets, IAuditTrail audit, IRequestOrigin origin, AuthPolicy policy, TimeProvider clock)
{
    public async Task<Result<DeleteAccountResult>> DeleteAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var identifiers = new[] { user.NormalizedUsername, user.Email }.OfType<string>().ToList();
        var removal = await sender.Send(
            new RemoveAccountVaultDataCommand(user.Id.Value, Guid.NewGuid(), transaction.Shared), cancellationToken);
        if (removal.Blockers.Count > 0)
            return new AccountDeletionBlocked([.. removal.Blockers.Select(b => new AccountDeletionBlockingVault(b.VaultId, b.Reason))]);
        await sender.Send(new RemoveAccountSharingDataCommand(user.Id.Value, identifiers, transaction.Shared), cancellationToken);

        await db.Invitations.Where(i => i.CreatedBy == user.Id || i.UsedBy == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UsernameReservations.Where(r => r.NormalizedUsername == user.NormalizedUsername || r.UserId == user.Id)
            .ExecuteDeleteAsync(cancellationToken);
        var reservation = UsernameReservation.For(user, now, TimeSpan.FromDays(policy.DeletedUsernameReservationDays));
        db.UsernameReservations.Add(reservation);
        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        // The account's security events go with it (ADR-0017); the audit log keeps that it was deleted, by id only (ADR-0025).
        await audit.AppendAsync(transaction.Shared, [new AuditRecord(
            user.TenantId.Value, user.Id.Value, "account_deleted", AuditOutcomes.Success, AuditObjectTypes.User, user.Id.Value, now,
            origin.IpAddress, null, JsonSerializer.Serialize(new Dictionary<string, int> { ["deletedVaults"] = removal.DeletedVaults, ["leftVaults"] = removal.LeftVaults }))],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The Encryption module's field store is its own unit of work; the account it belonged to is gone either way.
        await totpSecrets.DeleteAsync(user.TenantId, user.Id, CancellationToken.None);
        return new DeleteAccountResult(removal.DeletedVaults, removal.LeftVaults, reservation.ReservedUntil);
    }
}
