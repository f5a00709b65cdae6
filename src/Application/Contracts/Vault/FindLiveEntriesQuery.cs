using Mediator;

namespace PasswordManager.Application.Contracts.Vault;

/// <summary>Which of <see cref="EntryIds"/> are live entries of the vault (not deleted, not purged).</summary>
public sealed record FindLiveEntriesQuery(Guid VaultId, IReadOnlyCollection<Guid> EntryIds) : IQuery<IReadOnlySet<Guid>>;
