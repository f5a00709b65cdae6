namespace PasswordManager.Domain.Vault.Entries;

/// <summary>A write that could not apply: <see cref="Current"/> is the server's state, null when the entry does not exist.</summary>
public sealed record EntryConflict(Guid EntryId, EntryState? Current);
