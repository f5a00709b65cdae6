namespace PasswordManager.Client.Sdk.Keys;

/// <summary>
/// The server now serves a different public key bundle for a user than the one pinned on this device: either the
/// user re-registered, or the server substitutes keys it controls. Nothing is shared with them, and nothing they
/// signed is accepted, until the new safety number is compared out of band and trusted again.
/// </summary>
public sealed class KeyChangedException : Exception
{
    public KeyChangedException()
        : base("A user's public key changed since it was pinned.")
    {
    }

    public KeyChangedException(string message)
        : base(message)
    {
    }

    public KeyChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KeyChangedException(Guid userId, string? username, string pinnedFingerprint, string currentFingerprint)
        : base($"The public key of {username ?? userId.ToString()} changed since you pinned it "
            + $"(pinned safety number {pinnedFingerprint}, the server now sends {currentFingerprint}). "
            + "Compare the new safety number with them out of band before trusting it again.")
    {
        UserId = userId;
        Username = username;
        PinnedFingerprint = pinnedFingerprint;
        CurrentFingerprint = currentFingerprint;
    }

    public Guid UserId { get; }

    public string? Username { get; }

    public string? PinnedFingerprint { get; }

    public string? CurrentFingerprint { get; }
}
