namespace PasswordManager.Application.Common.Abstractions;

/// <summary>
/// Stores opaque ciphertext by key. Keys are relative paths of lower-case segments
/// (<c>vaults/{vaultId}/entries/{entryId}/{version}</c>); a write is atomic (a reader never sees a partial
/// object) and a key is never rewritten with other content.
/// </summary>
public interface IBlobStore
{
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the object for streaming, or returns null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// A URL that reads the object without passing through this server, valid for <paramref name="lifetime"/>;
    /// null when the store cannot issue one (the filesystem store). Whoever holds the URL can read the object
    /// until it expires, so issue it only after authorizing the caller.
    /// </summary>
    Task<Uri?> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be reached or written to.</summary>
    Task CheckHealthAsync(CancellationToken cancellationToken);
}
