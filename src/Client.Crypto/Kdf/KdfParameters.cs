namespace PasswordManager.Client.Crypto.Kdf;

/// <summary>
/// Argon2id (v1.3) parameters as returned by prelogin. Construction never validates, so parameters that
/// come from the server can be represented; <see cref="Validate"/> runs before every derivation.
/// </summary>
public sealed record KdfParameters(int MemoryKiB, int Iterations, int Parallelism)
{
    public const int MinMemoryKiB = 19 * 1024;
    public const int MaxMemoryKiB = 1024 * 1024;
    public const int MinIterations = 2;
    public const int MaxIterations = 16;
    public const int SupportedParallelism = 1;
    public const int SaltSize = 16;

    /// <summary>m = 64 MiB, t = 3, p = 1.</summary>
    public static KdfParameters Default { get; } = new(64 * 1024, 3, 1);

    /// <summary>The floor: m = 19 MiB, t = 2, p = 1 (also used for fast tests).</summary>
    public static KdfParameters Minimum { get; } = new(MinMemoryKiB, MinIterations, 1);

    /// <summary>Throws <see cref="KdfParametersRejectedException"/> unless every parameter is within bounds.</summary>
    public void Validate()
    {
        if (MemoryKiB < MinMemoryKiB)
        {
            throw new KdfParametersRejectedException(
                $"Argon2id memory {MemoryKiB} KiB is below the minimum of {MinMemoryKiB} KiB (possible downgrade).");
        }

        if (MemoryKiB > MaxMemoryKiB)
        {
            throw new KdfParametersRejectedException(
                $"Argon2id memory {MemoryKiB} KiB is above the maximum of {MaxMemoryKiB} KiB.");
        }

        if (Iterations < MinIterations)
        {
            throw new KdfParametersRejectedException(
                $"Argon2id iterations {Iterations} is below the minimum of {MinIterations} (possible downgrade).");
        }

        if (Iterations > MaxIterations)
        {
            throw new KdfParametersRejectedException(
                $"Argon2id iterations {Iterations} is above the maximum of {MaxIterations}.");
        }

        if (Parallelism != SupportedParallelism)
        {
            throw new KdfParametersRejectedException(
                $"Argon2id parallelism {Parallelism} is not supported; it must be {SupportedParallelism}.");
        }
    }

    public static void ValidateSalt(ReadOnlySpan<byte> salt)
    {
        if (salt.Length != SaltSize)
        {
            throw new KdfParametersRejectedException($"The KDF salt must be {SaltSize} bytes, got {salt.Length}.");
        }
    }
}
