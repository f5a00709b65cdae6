using BenchmarkDotNet.Attributes;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.Benchmarks;

public class SharingBenchmarks : IDisposable
{
    private AccountKeys granter = null!;
    private AccountKeys recipient = null!;
    private VaultKey vaultKey = null!;
    private AccessGrant grant = null!;

    [GlobalSetup]
    public void Setup()
    {
        granter = AccountKeys.Create(Guid.NewGuid());
        recipient = AccountKeys.Create(Guid.NewGuid());
        vaultKey = VaultKey.Create(Guid.NewGuid(), 1);
        grant = vaultKey.WrapFor(recipient.PublicBundle, AccessPermission.Write, granter);
    }

    [Benchmark(Description = "Wrap + sign one DEK for a recipient")]
    public AccessGrant WrapAndSign() => vaultKey.WrapFor(recipient.PublicBundle, AccessPermission.Write, granter);

    [Benchmark(Description = "Verify + unwrap one DEK")]
    public Guid VerifyAndUnwrap()
    {
        using var key = VaultKey.Unwrap(grant, granter.PublicBundle, recipient);
        return key.VaultId;
    }

    [Benchmark(Description = "Parse + verify a public key bundle")]
    public Guid ParseBundle() => PublicKeyBundle.Parse(recipient.PublicBundle.ToArray(), recipient.UserId).UserId;

    [GlobalCleanup]
    public void Dispose()
    {
        granter?.Dispose();
        recipient?.Dispose();
        vaultKey?.Dispose();
        GC.SuppressFinalize(this);
    }
}
