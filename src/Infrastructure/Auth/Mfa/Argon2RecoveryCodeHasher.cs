using System.Text;
using PasswordManager.Application.Auth;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Infrastructure.Auth.Hashing;

namespace PasswordManager.Infrastructure.Auth.Mfa;

/// <summary>
/// The authHash hasher's Argon2id with a lighter cost (section <c>Auth:RecoveryCodeHashing</c>): a code carries 50
/// random bits, so the hash only has to make a stolen table expensive to search, and a login may check ten of them.
/// </summary>
internal sealed class Argon2RecoveryCodeHasher(AuthHashingOptions options) : IRecoveryCodeHasher
{
    private readonly Argon2AuthHashHasher argon2 = new(options);

    public string Hash(string normalizedCode) => argon2.Hash(Encoding.UTF8.GetBytes(normalizedCode));

    public bool Verify(string hash, string normalizedCode) =>
        argon2.Verify(hash, Encoding.UTF8.GetBytes(normalizedCode)) != AuthHashVerification.Failed;

    public static AuthHashingOptions DefaultOptions => new() { MemoryKiB = 8 * 1024, Iterations = 1 };
}
