namespace PasswordManager.Client.Crypto;

/// <summary>Bytes are malformed: wrong length, unknown format version or algorithm byte, or an invalid public key.</summary>
public sealed class CryptoFormatException : CryptoException
{
    public CryptoFormatException()
    {
    }

    public CryptoFormatException(string message)
        : base(message)
    {
    }

    public CryptoFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
