using System.Security.Cryptography;
using System.Text;
using PasswordManager.Application.Auth;

namespace PasswordManager.Infrastructure.Auth.Decoy;

internal sealed class HmacUnknownUserDecoy(byte[] secret) : IUnknownUserDecoy
{
    public byte[] KdfSaltFor(string normalizedUsername) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("pm/prelogin-salt|" + normalizedUsername))[..16];
}
