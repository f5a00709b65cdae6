using BenchmarkDotNet.Attributes;
using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Crypto.Benchmarks;

public class MasterKeyBenchmarks
{
    private readonly byte[] salt = new byte[KdfParameters.SaltSize];

    [Benchmark(Description = "Argon2id MK derivation, m=64 MiB t=3 p=1 (+ authHash)")]
    public byte[] DeriveAtDefaultParameters()
    {
        using var masterKey = MasterKey.Derive("correct horse battery staple", salt, KdfParameters.Default);
        return masterKey.DeriveAuthHash();
    }
}
