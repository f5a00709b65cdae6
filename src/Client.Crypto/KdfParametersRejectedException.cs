namespace PasswordManager.Client.Crypto;

/// <summary>KDF parameters or salt are outside the accepted range; raised before any derivation runs, so a malicious server can neither downgrade nor stall the client.</summary>
public sealed class KdfParametersRejectedException : CryptoException
{
    public KdfParametersRejectedException()
    {
    }

    public KdfParametersRejectedException(string message)
        : base(message)
    {
    }

    public KdfParametersRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
