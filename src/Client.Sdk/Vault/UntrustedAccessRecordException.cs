namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// An access record failed a check the client makes before using or vouching for it: its epoch is not the vault's
/// current one (a replayed record), its granter is not an admin of the vault, or the records do not fit together.
/// Signature failures surface as <see cref="Crypto.SignatureInvalidException"/>, changed keys as <see cref="Keys.KeyChangedException"/>.
/// </summary>
public sealed class UntrustedAccessRecordException : Exception
{
    public UntrustedAccessRecordException()
        : base("An access record failed verification.")
    {
    }

    public UntrustedAccessRecordException(string message)
        : base(message)
    {
    }

    public UntrustedAccessRecordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
