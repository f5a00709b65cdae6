using BenchmarkDotNet.Attributes;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.Benchmarks;

public class RekeyBenchmarks : IDisposable
{
    private const int entryCount = 10_000;
    private const int entrySize = 1024;
    private const int memberCount = 20;

    private readonly List<AccountKeys> accounts = [];
    private VaultKey vaultKey = null!;
    private EncryptedEntry[] entries = null!;
    private RekeyMember[] members = null!;

    [GlobalSetup]
    public void Setup()
    {
        vaultKey = VaultKey.Create(Guid.NewGuid(), 1);
        var plaintext = new byte[entrySize];
        entries = new EncryptedEntry[entryCount];
        for (var i = 0; i < entryCount; i++)
        {
            Random.Shared.NextBytes(plaintext);
            var entryId = Guid.NewGuid();
            entries[i] = new EncryptedEntry(entryId, 1, EntryCipher.Encrypt(vaultKey, entryId, 1, plaintext));
        }

        for (var i = 0; i < memberCount; i++)
        {
            accounts.Add(AccountKeys.Create(Guid.NewGuid()));
        }

        members = [.. accounts.Select((a, i) => new RekeyMember(a.PublicBundle, i == 0 ? AccessPermission.Admin : AccessPermission.Write))];
    }

    [Benchmark(Description = "Re-key 10,000 x 1 KiB entries, 20 members")]
    public int Rekey()
    {
        using var result = VaultRekey.Rekey(vaultKey, entries, members, accounts[0]);
        return result.Entries.Count + result.Grants.Count;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        vaultKey?.Dispose();
        accounts.ForEach(a => a.Dispose());
        accounts.Clear();
        GC.SuppressFinalize(this);
    }
}
