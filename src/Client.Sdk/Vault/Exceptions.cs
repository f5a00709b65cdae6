using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// A write named a version that is no longer the current one (HTTP 409 <c>vault.stale_version</c>); nothing was
/// written. <see cref="Conflicts"/> holds the server's current state of each entry (null: it does not exist).
/// Sync, merge and retry.
/// </summary>
public sealed class EntryConflictException : Exception
{
    public EntryConflictException()
        : this("The entry changed on the server since it was read.")
    {
    }

    public EntryConflictException(string message)
        : base(message)
    {
        Conflicts = [];
    }

    public EntryConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Conflicts = [];
    }

    public EntryConflictException(IReadOnlyList<EntryConflict> conflicts, PmApiException problem)
        : base(Describe(conflicts), problem)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        Conflicts = conflicts;
    }

    public IReadOnlyList<EntryConflict> Conflicts { get; }

    private static string Describe(IReadOnlyList<EntryConflict> conflicts) => conflicts switch
    {
        [{ Current: null } only] => $"Entry {only.EntryId} does not exist on the server (any more).",
        [{ Current: { } current }] => $"Entry {current.EntryId} changed on the server since it was read: it is at version {current.Version}{(current.Deleted ? " (deleted)" : "")}.",
        _ => $"{conflicts.Count} entries changed on the server since they were read; nothing was written.",
    };
}

/// <summary>
/// A vault's key cannot be used: its access record was granted by someone whose public key this client cannot
/// verify yet (that needs the public key directory), or the record does not verify at all.
/// </summary>
public sealed class VaultLockedException : Exception
{
    public VaultLockedException()
        : base("The vault's key cannot be used.")
    {
    }

    public VaultLockedException(string message)
        : base(message)
    {
    }

    public VaultLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public VaultLockedException(Guid vaultId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        VaultId = vaultId;
    }

    public Guid VaultId { get; }
}

/// <summary>The server holds only the entry's tombstone (deleted at <see cref="Version"/>): there is nothing to decrypt.</summary>
public sealed class EntryDeletedException : Exception
{
    public EntryDeletedException()
        : base("The entry was deleted.")
    {
    }

    public EntryDeletedException(string message)
        : base(message)
    {
    }

    public EntryDeletedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EntryDeletedException(Guid vaultId, Guid entryId, long version)
        : base($"Entry {entryId} was deleted.")
    {
        (VaultId, EntryId, Version) = (vaultId, entryId, version);
    }

    public Guid VaultId { get; }

    public Guid EntryId { get; }

    public long Version { get; }
}

/// <summary>The entry's attachment list, as the server answered it, has no live attachment with that id.</summary>
public sealed class AttachmentNotFoundException : Exception
{
    public AttachmentNotFoundException()
        : base("No such attachment.")
    {
    }

    public AttachmentNotFoundException(string message)
        : base(message)
    {
    }

    public AttachmentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AttachmentNotFoundException(Guid entryId, Guid attachmentId)
        : base($"Entry {entryId} has no attachment {attachmentId}.")
    {
        (EntryId, AttachmentId) = (entryId, attachmentId);
    }

    public Guid EntryId { get; }

    public Guid AttachmentId { get; }
}
