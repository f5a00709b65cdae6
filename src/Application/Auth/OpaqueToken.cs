using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PasswordManager.Application.Auth;

/// <summary>Random bearer secrets (refresh tokens, invitation codes) and the hashes stored in their place.</summary>
public static class OpaqueToken
{
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
