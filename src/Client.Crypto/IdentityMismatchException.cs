namespace PasswordManager.Client.Crypto;

/// <summary>A key bundle or access record belongs to another user than the one expected, or a bundle does not match a pinned fingerprint.</summary>
public sealed class IdentityMismatchException : CryptoException
{
    public IdentityMismatchException()
    {
    }

    public IdentityMismatchException(string message)
        : base(message)
    {
    }

    public IdentityMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
