using System.Data.Common;
using Mediator;

namespace PasswordManager.Application.Contracts.Vault;

/// <summary>
/// The Vault module's part of an account key rotation, inside the caller's open transaction (the same database), so
/// the new bundle and the re-sealed records commit together or not at all. <see cref="Records"/> must be exactly the
/// account's current records in the vaults where it is an active member: its own (re-sealed to its new key and signed by
/// itself, <see cref="RotatedAccessRecord.WrappedKey"/> given) and every other non-revoked record it signed as granter
/// (re-signed, <see cref="RotatedAccessRecord.WrappedKey"/> null), each at its stored key epoch. Otherwise
/// <see cref="RotatedAccessRecords.Conflict"/> says why and nothing was changed.
/// </summary>
/// <param name="UserId">The rotating account.</param>
/// <param name="Records">The replacements, one per record.</param>
/// <param name="Transaction">The caller's open transaction; the caller commits or rolls back.</param>
public sealed record ReplaceRotatedAccessRecordsCommand(
    Guid UserId, IReadOnlyList<RotatedAccessRecord> Records, DbTransaction Transaction) : ICommand<RotatedAccessRecords>;

/// <summary>One record's replacement: the new signature, and for the account's own records the re-sealed key.</summary>
public sealed record RotatedAccessRecord(Guid VaultId, Guid UserId, long KeyEpoch, byte[]? WrappedKey, byte[] GranterSignature);

/// <summary>The outcome: a <see cref="Conflict"/> reason, or the number of vaults and records replaced.</summary>
public sealed record RotatedAccessRecords(string? Conflict, int Vaults, int Records);
