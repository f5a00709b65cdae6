using System.Security.Cryptography;
using System.Text;
using PasswordManager.Application.Auth;

namespace PasswordManager.Infrastructure.Auth.ApiKeys;

/// <summary>
/// HMAC-SHA-256 under a server pepper, over the key id and the secret, so a stolen database alone cannot check
/// guesses and a hash cannot be moved to another key's row.
/// </summary>
internal sealed class HmacApiKeySecretHasher(byte[] pepper) : IApiKeySecretHasher
{
    public byte[] Hash(string keyId, string secret) =>
        HMACSHA256.HashData(pepper, Encoding.UTF8.GetBytes("pm/api-key/v1|" + keyId + "|" + secret));

    public bool Verify(string keyId, string secret, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(keyId, secret), expectedHash);
}
