using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Application.Auth;

namespace PasswordManager.Infrastructure.Auth.Hashing;

/// <summary>Configuration section <c>Auth:Hashing</c>: the server's Argon2id cost for each login.</summary>
public sealed class AuthHashingOptions
{
    public int MemoryKiB { get; set; } = 19 * 1024;

    public int Iterations { get; set; } = 2;
}

/// <summary>
/// Argon2id (libsodium through NSec; parallelism 1) over the client's authHash, stored in PHC string form:
/// <c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>.
/// </summary>
internal sealed class Argon2AuthHashHasher(AuthHashingOptions options) : IAuthHashHasher
{
    private const int SaltLength = 16;
    private const int HashLength = 32;
    private static readonly byte[] DecoySalt = new byte[SaltLength];
    private static readonly byte[] DecoyExpected = new byte[HashLength];

    public string Hash(ReadOnlySpan<byte> authHash)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var hash = Derive(authHash, salt, options.MemoryKiB, options.Iterations);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={options.MemoryKiB},t={options.Iterations},p=1${Base64Url.EncodeToString(salt)}${Base64Url.EncodeToString(hash)}");
    }

    public AuthHashVerification Verify(string? verifier, ReadOnlySpan<byte> authHash)
    {
        if (verifier is null || !TryParse(verifier, out var memory, out var iterations, out var salt, out var expected))
        {
            CryptographicOperations.FixedTimeEquals(Derive(authHash, DecoySalt, options.MemoryKiB, options.Iterations), DecoyExpected);
            return AuthHashVerification.Failed;
        }

        var actual = Derive(authHash, salt, memory, iterations);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected)) return AuthHashVerification.Failed;
        return memory == options.MemoryKiB && iterations == options.Iterations
            ? AuthHashVerification.Succeeded
            : AuthHashVerification.SucceededRehashNeeded;
    }

    private static byte[] Derive(ReadOnlySpan<byte> authHash, ReadOnlySpan<byte> salt, int memoryKiB, int iterations)
    {
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKiB,
            NumberOfPasses = iterations,
        });
        return algorithm.DeriveBytes(authHash, salt, HashLength);
    }

    private static bool TryParse(string verifier, out int memoryKiB, out int iterations, out byte[] salt, out byte[] hash)
    {
        (memoryKiB, iterations, salt, hash) = (0, 0, [], []);
        var parts = verifier.Split('$');
        if (parts is not ["", "argon2id", "v=19", var parameters, var saltText, var hashText]) return false;
        var values = parameters.Split(',');
        if (values is not [var m, var t, "p=1"]
            || !int.TryParse(m.AsSpan(2), CultureInfo.InvariantCulture, out memoryKiB)
            || !int.TryParse(t.AsSpan(2), CultureInfo.InvariantCulture, out iterations))
            return false;
        salt = Base64Url.DecodeFromChars(saltText);
        hash = Base64Url.DecodeFromChars(hashText);
        return salt.Length == SaltLength && hash.Length == HashLength;
    }
}
