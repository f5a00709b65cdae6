using System.Data.Common;
using Mediator;

namespace PasswordManager.Application.Contracts.Vault;

/// <summary>
/// Removes what the Vault module holds of an account that is being deleted, inside the caller's open
/// transaction (the same database), so the account and its vault data go together or not at all.
/// Vaults nobody else is an active member of are deleted with their entries, versions and attachments (their blobs
/// are recorded for the garbage collector); in vaults shared with others the account's access record is revoked and
/// every reference to it is replaced by the former-member id, so the vault's admins see "re-key
/// recommended". When <see cref="AccountVaultDataRemoval.Blockers"/> is not empty nothing was changed.
/// </summary>
/// <param name="UserId">The account being deleted.</param>
/// <param name="FormerMemberId">A fresh id that stands for the account where its records must stay.</param>
/// <param name="Transaction">The caller's open transaction; the caller commits or rolls back.</param>
public sealed record RemoveAccountVaultDataCommand(
    Guid UserId, Guid FormerMemberId, DbTransaction Transaction) : ICommand<AccountVaultDataRemoval>;

public sealed record AccountVaultDataRemoval(IReadOnlyList<AccountDeletionBlocker> Blockers, int DeletedVaults, int LeftVaults);

/// <summary>A shared vault that keeps the account from being deleted, and why (<see cref="AccountDeletionBlocker"/> reasons).</summary>
public sealed record AccountDeletionBlocker(Guid VaultId, string Reason)
{
    /// <summary>The account owns the vault and others are members: transfer the ownership or delete the vault first.</summary>
    public const string Owner = "owner";

    /// <summary>The account is the vault's only admin and others are members: make another member admin first.</summary>
    public const string SoleAdmin = "sole_admin";

    /// <summary>
    /// Other members' access records carry this account's signature, which nobody could verify once its key bundle is
    /// gone: an admin re-keys the vault first (re-signing every record), or the account leaves it.
    /// </summary>
    public const string SignedOthersAccess = "signed_others_access";
}
