namespace PasswordManager.Application.Auth;

/// <summary>
/// Keyed hash of API-key secrets. Secrets are 256-bit random values, so one HMAC with a server pepper is
/// enough (ADR-0012); no slow password hash runs per request.
/// </summary>
public interface IApiKeySecretHasher
{
    byte[] Hash(string keyId, string secret);

    /// <summary>Compares in constant time.</summary>
    bool Verify(string keyId, string secret, byte[] expectedHash);
}
