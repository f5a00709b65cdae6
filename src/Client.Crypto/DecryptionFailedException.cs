namespace PasswordManager.Client.Crypto;

/// <summary>Authenticated decryption failed: wrong key (e.g. wrong master password), tampered bytes, or ciphertext presented in another context (vault, entry, user, epoch, version).</summary>
public sealed class DecryptionFailedException : CryptoException
{
    public DecryptionFailedException()
    {
    }

    public DecryptionFailedException(string message)
        : base(message)
    {
    }

    public DecryptionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
