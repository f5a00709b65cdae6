namespace PasswordManager.Client.Crypto;

/// <summary>
/// Base type of every failure raised by Client.Crypto. Messages describe what was wrong with the input
/// (sizes, version bytes, which check failed) and never contain key material, plaintext or passwords.
/// </summary>
public abstract class CryptoException : Exception
{
    protected CryptoException()
    {
    }

    protected CryptoException(string message)
        : base(message)
    {
    }

    protected CryptoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
