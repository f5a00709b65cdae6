using System.Data.Common;
using Mediator;

namespace PasswordManager.Application.Contracts.Sharing;

/// <summary>
/// Appends to Sharing's access log that <see cref="UserId"/> was served these ciphertexts at <see cref="At"/> (ADR-0014),
/// before they leave the server: a crash can then over-report an exposure, never under-report one. A reader sends it
/// without a <see cref="Transaction"/>; a writer recording the versions it wrote sends its open transaction, so the
/// rows commit or roll back with the write.
/// </summary>
public sealed record RecordEntryFetchesCommand(
    Guid UserId, IReadOnlyCollection<FetchedEntry> Fetches, DateTimeOffset At, DbTransaction? Transaction = null) : ICommand;

/// <summary>One fetched ciphertext: the entry and the version that was served.</summary>
public readonly record struct FetchedEntry(Guid VaultId, Guid EntryId, long Version);
