using BenchmarkDotNet.Attributes;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.Benchmarks;

public class EntryCipherBenchmarks : IDisposable
{
    private readonly Guid entryId = Guid.NewGuid();
    private VaultKey vaultKey = null!;
    private byte[] plaintext = null!;
    private byte[] ciphertext = null!;

    [Params(1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        vaultKey = VaultKey.Create(Guid.NewGuid(), 1);
        plaintext = new byte[Size];
        Random.Shared.NextBytes(plaintext);
        ciphertext = EntryCipher.Encrypt(vaultKey, entryId, 1, plaintext);
    }

    [Benchmark(Description = "Entry encrypt")]
    public byte[] Encrypt() => EntryCipher.Encrypt(vaultKey, entryId, 1, plaintext);

    [Benchmark(Description = "Entry decrypt")]
    public byte[] Decrypt() => EntryCipher.Decrypt(vaultKey, entryId, 1, ciphertext);

    [GlobalCleanup]
    public void Dispose()
    {
        vaultKey?.Dispose();
        GC.SuppressFinalize(this);
    }
}
