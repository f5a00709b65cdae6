using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PasswordManager.Infrastructure.Auth.Oidc;

/// <summary>
/// Apple's client secret: a short-lived JWT signed with ES256 by the developer key (.p8), with the team id as issuer,
/// the client (Services) id as subject and Apple as audience.
/// </summary>
internal static class AppleClientSecret
{
    public const string Audience = "https://appleid.apple.com";

    public static string Create(string teamId, string keyId, string privateKeyPem, string clientId, DateTimeOffset now)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem);
        var signingKey = new ECDsaSecurityKey(key) { KeyId = keyId, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = teamId,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(5).UtcDateTime,
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = clientId },
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
