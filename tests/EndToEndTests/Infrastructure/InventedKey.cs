using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Keys;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>
/// A key pair a malicious server makes up for an existing user id: a validly self-signed bundle (docs/crypto-format.md §6)
/// and a seed the test signs with (Client.Crypto keeps its keys unexportable).
/// </summary>
internal sealed class InventedKey : IDisposable
{
    private readonly Key signing;

    public InventedKey(Guid userId)
    {
        UserId = userId;
        Seed = RandomNumberGenerator.GetBytes(32);
        signing = Key.Import(SignatureAlgorithm.Ed25519, Seed, KeyBlobFormat.RawPrivateKey);
        using var exchange = Key.Create(KeyAgreementAlgorithm.X25519);
        var signed = new byte[81];
        signed[0] = 0x01;
        userId.TryWriteBytes(signed.AsSpan(1, 16), bigEndian: true, out _);
        exchange.PublicKey.Export(KeyBlobFormat.RawPublicKey).CopyTo(signed, 17);
        signing.PublicKey.Export(KeyBlobFormat.RawPublicKey).CopyTo(signed, 49);
        Bundle = PublicKeyBundle.Parse([.. signed, .. Sign([.. "pm/v1/bundle"u8, .. signed])], userId);
    }

    public Guid UserId { get; }

    public byte[] Seed { get; }

    public PublicKeyBundle Bundle { get; }

    /// <summary>A version-1 hand-over (§6.1) from this key to <paramref name="next"/>: signed by this key, vouched for by nobody else.</summary>
    public byte[] HandoverV1To(PublicKeyBundle next)
    {
        byte[] signed = [0x01, .. Bundle.ToArray(), .. next.ToArray()];
        return [.. signed, .. Sign([.. "pm/v1/key-handover"u8, .. signed])];
    }

    public void Dispose() => signing.Dispose();

    private byte[] Sign(byte[] message) => SignatureAlgorithm.Ed25519.Sign(signing, message);
}
