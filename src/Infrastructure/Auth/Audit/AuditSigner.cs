using NSec.Cryptography;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>The server's own Ed25519 key for audit checkpoints, kept like its other generated secrets.</summary>
internal sealed class AuditSigner : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key key;

    public AuditSigner(byte[] seed)
    {
        key = Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    public byte[] PublicKey { get; }

    public byte[] Sign(byte[] message) => Algorithm.Sign(key, message);

    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature) =>
        NSec.Cryptography.PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var imported)
        && imported is not null
        && Algorithm.Verify(imported, message, signature);

    public void Dispose() => key.Dispose();
}
