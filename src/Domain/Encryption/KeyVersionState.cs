namespace PasswordManager.Domain.Encryption;

public enum KeyVersionState
{
    Enabled = 0,
    Disabled = 1,
    Destroyed = 2,
}

/// <summary>What wraps a context's key material: the platform master key, or a key the client sends with every call.</summary>
public enum KeyProtection
{
    Platform = 0,
    ClientMasterKey = 1,
}
