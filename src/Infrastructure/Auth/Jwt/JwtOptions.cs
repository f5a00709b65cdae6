namespace PasswordManager.Infrastructure.Auth.Jwt;

/// <summary>Configuration section <c>Auth:Jwt</c>.</summary>
public sealed class JwtOptions
{
    public string Issuer { get; set; } = "passwordmanager";

    public string Audience { get; set; } = "passwordmanager-api";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes. Empty: a key is generated under the data folder.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Key id written to the token header; change it together with the key.</summary>
    public string KeyId { get; set; } = "pm-1";
}
