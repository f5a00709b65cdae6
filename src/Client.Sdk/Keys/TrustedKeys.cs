using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Keys.Contracts;

namespace PasswordManager.Client.Sdk.Keys;

/// <summary>How a looked-up bundle compares with what this device pinned for that user.</summary>
public enum PinState
{
    /// <summary>Never seen: trusting it now is trust on first use.</summary>
    NotPinned = 0,

    /// <summary>Same as the bundle pinned on first use (nobody compared safety numbers yet).</summary>
    PinnedOnFirstUse = 1,

    /// <summary>Same as the bundle pinned after an out-of-band comparison (<c>pm trust</c>).</summary>
    Verified = 2,

    /// <summary>Different from the pinned bundle: refused until trusted again.</summary>
    Changed = 3,

    /// <summary>This account's own bundle (from its own keys, never from the server).</summary>
    Own = 4,
}

/// <summary>A directory bundle (verified self-signature, right user id) and how it compares with the pin.</summary>
public sealed record DirectoryKey(Guid UserId, string Username, PublicKeyBundle Bundle, PinState State, string? PinnedFingerprint)
{
    public string Fingerprint => Bundle.Fingerprint;
}

/// <summary>
/// Key pinning: every bundle the SDK shares with, or verifies a signature against, is the pinned one. Unknown users
/// are pinned on first use; a user whose served bundle differs from the pin raises <see cref="KeyChangedException"/>
/// until <see cref="Trust"/> is called after an out-of-band comparison, unless the directory also serves hand-over
/// statements that lead from the pin to the new bundle, each signed by the key before it (a key rotation): then the pin
/// moves to the new bundle. The account's own bundle comes from its keys.
/// </summary>
public sealed class TrustedKeys
{
    private readonly KeyDirectoryApi api;
    private readonly PublicKeyBundle own;
    private readonly string? ownUsername;

    public TrustedKeys(KeyDirectoryApi api, PublicKeyBundle ownBundle, IPinnedKeyStore store, string? ownUsername = null)
    {
        this.api = api ?? throw new ArgumentNullException(nameof(api));
        own = ownBundle ?? throw new ArgumentNullException(nameof(ownBundle));
        Store = store ?? throw new ArgumentNullException(nameof(store));
        this.ownUsername = ownUsername;
    }

    public IPinnedKeyStore Store { get; }

    public Guid OwnUserId => own.UserId;

    internal KeyDirectoryApi Directory => api;

    /// <summary>Fetches <paramref name="username"/>'s bundle, verifies it and compares it with the pin; pins nothing.</summary>
    public async Task<DirectoryKey> LookupAsync(string username, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        return Compare(await api.GetPublicKeyAsync(username.Trim(), cancellationToken));
    }

    /// <summary>Fetches the bundle of <paramref name="userId"/>, verifies it and compares it with the pin; pins nothing.</summary>
    public async Task<DirectoryKey> LookupAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (userId == own.UserId) return new DirectoryKey(own.UserId, ownUsername ?? own.UserId.ToString(), own, PinState.Own, own.Fingerprint);
        return Compare(await api.GetPublicKeyAsync(userId, cancellationToken));
    }

    /// <summary>Pins <paramref name="key"/> as verified (after the safety numbers were compared out of band).</summary>
    public PublicKeyBundle Trust(DirectoryKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.State == PinState.Own) return key.Bundle;
        Store.Save(new PinnedKey(key.UserId, key.Username, key.Bundle.ToArray(), DateTimeOffset.UtcNow, Verified: true));
        return key.Bundle;
    }

    /// <summary>The bundle to share with <paramref name="username"/>: the pinned one (checked against the directory), pinned on first use.</summary>
    /// <exception cref="KeyChangedException">The directory serves a different bundle than the pinned one.</exception>
    public async Task<DirectoryKey> RequireAsync(string username, CancellationToken cancellationToken = default) =>
        PinOnFirstUse(await LookupAsync(username, cancellationToken));

    /// <summary>
    /// The bundle of <paramref name="userId"/>. With <paramref name="checkDirectory"/> false a pinned bundle is used as
    /// is (verifying a signature needs no network); otherwise the directory's copy must match the pin.
    /// </summary>
    /// <exception cref="KeyChangedException">The directory serves a different bundle than the pinned one.</exception>
    public async Task<DirectoryKey> RequireAsync(Guid userId, bool checkDirectory, CancellationToken cancellationToken = default)
    {
        if (userId == own.UserId) return await LookupAsync(userId, cancellationToken);
        if (!checkDirectory && Pinned(userId) is { } pinned) return pinned;
        return PinOnFirstUse(await LookupAsync(userId, cancellationToken));
    }

    /// <summary>The pinned bundle of <paramref name="userId"/> (the own bundle for this account), without asking the server.</summary>
    public DirectoryKey? Pinned(Guid userId)
    {
        if (userId == own.UserId) return new DirectoryKey(own.UserId, ownUsername ?? own.UserId.ToString(), own, PinState.Own, own.Fingerprint);
        if (Store.Find(userId) is not { } pin) return null;
        var bundle = PublicKeyBundle.Parse(pin.Bundle, userId);
        return new DirectoryKey(userId, pin.Username ?? userId.ToString(), bundle, pin.Verified ? PinState.Verified : PinState.PinnedOnFirstUse, bundle.Fingerprint);
    }

    private DirectoryKey PinOnFirstUse(DirectoryKey key)
    {
        switch (key.State)
        {
            case PinState.Changed:
                throw new KeyChangedException(key.UserId, key.Username, key.PinnedFingerprint!, key.Fingerprint);
            case PinState.NotPinned:
                Store.Save(new PinnedKey(key.UserId, key.Username, key.Bundle.ToArray(), DateTimeOffset.UtcNow, Verified: false));
                return key with { State = PinState.PinnedOnFirstUse, PinnedFingerprint = key.Fingerprint };
            default:
                return key;
        }
    }

    private DirectoryKey Compare(PublicKeyDirectoryEntry entry)
    {
        // Parse verifies the self-signature and that the bundle names the user the directory says it does.
        var bundle = PublicKeyBundle.Parse(entry.PublicKeyBundle, entry.UserId);
        if (entry.UserId == own.UserId)
        {
            if (!bundle.Matches(own)) throw new KeyChangedException(own.UserId, entry.Username, own.Fingerprint, bundle.Fingerprint);
            return new DirectoryKey(own.UserId, entry.Username, own, PinState.Own, own.Fingerprint);
        }

        if (Store.Find(entry.UserId) is not { } pin) return new DirectoryKey(entry.UserId, entry.Username, bundle, PinState.NotPinned, null);
        var pinned = PublicKeyBundle.Parse(pin.Bundle, entry.UserId);
        if (!pinned.Matches(bundle))
        {
            if (FollowHandovers(pinned, bundle, entry.Handovers) is not { } handedOver)
                return new DirectoryKey(entry.UserId, entry.Username, bundle, PinState.Changed, pinned.Fingerprint);

            // The user rotated its keys and every step is signed by the key before it, starting from the pin: the new
            // bundle inherits the pin (and whether it was compared out of band).
            Store.Save(pin with { Username = entry.Username, Bundle = handedOver.ToArray(), PinnedAt = DateTimeOffset.UtcNow });
            pinned = handedOver;
        }

        return new DirectoryKey(entry.UserId, entry.Username, pinned, pin.Verified ? PinState.Verified : PinState.PinnedOnFirstUse, pinned.Fingerprint);
    }

    /// <summary>
    /// The served bundle when a chain of hand-over statements (docs/crypto-format.md §6.1) leads from <paramref name="pinned"/>
    /// to it, each verified against the bundle before it; null otherwise (a key change nobody vouched for).
    /// </summary>
    private static PublicKeyBundle? FollowHandovers(PublicKeyBundle pinned, PublicKeyBundle served, IReadOnlyList<byte[]>? handovers)
    {
        if (handovers is null || handovers.Count == 0) return null;
        var current = pinned;
        foreach (var statement in handovers)
        {
            try
            {
                current = KeyHandover.Verify(statement, current);
            }
            catch (CryptoException)
            {
                // A statement that does not start from where the chain stands: the pin was made after it (or it is forged).
                continue;
            }

            if (current.Matches(served)) return served;
        }

        return null;
    }
}
