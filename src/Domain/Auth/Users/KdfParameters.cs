namespace PasswordManager.Domain.Auth.Users;

/// <summary>
/// Argon2id parameters the client uses to derive its master key. The server only stores them and
/// enforces the same floor and ceiling the client enforces (docs/crypto-format.md).
/// </summary>
public sealed record KdfParameters(int MemoryKiB, int Iterations, int Parallelism)
{
    public const int MinMemoryKiB = 19 * 1024;
    public const int MaxMemoryKiB = 1024 * 1024;
    public const int MinIterations = 2;
    public const int MaxIterations = 16;

    public static readonly KdfParameters Default = new(64 * 1024, 3, 1);

    public bool IsWithinLimits() =>
        MemoryKiB is >= MinMemoryKiB and <= MaxMemoryKiB
        && Iterations is >= MinIterations and <= MaxIterations
        && Parallelism == 1;
}
