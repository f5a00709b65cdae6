namespace PasswordManager.Client.Crypto;

/// <summary>An Ed25519 signature (key bundle self-signature or access-record signature) did not verify.</summary>
public sealed class SignatureInvalidException : CryptoException
{
    public SignatureInvalidException()
    {
    }

    public SignatureInvalidException(string message)
        : base(message)
    {
    }

    public SignatureInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
