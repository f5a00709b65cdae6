namespace PasswordManager.Domain.Vault.Entries;

/// <summary>A write that could not apply: <see cref="Current"/> is the server's state, null when the entry does not exist.</summary>
public sealed record EntryConflict(Guid EntryId, EntryState? Current)
{
    /// <summary>
    /// The one rule of a write against the server's state (<paramref name="current"/>, null when the entry does not
    /// exist): a new entry names no version (or 0); any other write names the current version, and a delete needs a
    /// live entry. Null when the write applies.
    /// </summary>
    public static EntryConflict? Of(Guid entryId, Entry? current, long? replacesVersion, bool deletes) => current switch
    {
        null when replacesVersion is null or 0 && !deletes => null,
        null => new EntryConflict(entryId, null),
        _ when replacesVersion != current.Version => new EntryConflict(entryId, EntryState.Of(current)),
        _ when deletes && current.Deleted => new EntryConflict(entryId, EntryState.Of(current)),
        _ => null,
    };
}
