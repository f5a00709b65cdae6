using System.Collections.Concurrent;

namespace PasswordManager.Client.Sdk.Keys;

/// <summary>
/// A public key bundle this device decided to trust for a user. <see cref="Verified"/> is true when the user
/// compared the safety number out of band (<c>pm trust</c>); false when it was pinned on first use.
/// </summary>
public sealed record PinnedKey(Guid UserId, string? Username, byte[] Bundle, DateTimeOffset PinnedAt, bool Verified);

/// <summary>
/// Where pinned bundles live (the CLI keeps them in a 0600 file of the profile folder). A pin is only ever
/// replaced on an explicit trust decision, never because the server now sends something else.
/// </summary>
public interface IPinnedKeyStore
{
    PinnedKey? Find(Guid userId);

    IReadOnlyCollection<PinnedKey> All();

    void Save(PinnedKey key);
}

/// <summary>Pins kept for the lifetime of the process (tests, short-lived tools).</summary>
public sealed class InMemoryPinnedKeyStore : IPinnedKeyStore
{
    private readonly ConcurrentDictionary<Guid, PinnedKey> pins = new();

    public PinnedKey? Find(Guid userId) => pins.TryGetValue(userId, out var pin) ? pin : null;

    public IReadOnlyCollection<PinnedKey> All() => [.. pins.Values];

    public void Save(PinnedKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        pins[key.UserId] = key;
    }
}
