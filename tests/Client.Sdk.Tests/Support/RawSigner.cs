using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Keys;

namespace PasswordManager.Client.Sdk.Tests.Support;

/// <summary>
/// An Ed25519 key whose seed the test holds (Client.Crypto keeps its keys unexportable), with a self-signed bundle built
/// straight from docs/crypto-format.md §6: for statements clients no longer write (version-1 hand-overs) and for keys a
/// malicious server invents.
/// </summary>
internal sealed class RawSigner : IDisposable
{
    private readonly Key signing;

    public RawSigner(Guid userId)
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

    public byte[] Sign(byte[] message) => SignatureAlgorithm.Ed25519.Sign(signing, message);

    /// <summary>A version-1 hand-over (§6.1) from this key to <paramref name="next"/>, signed by this key only.</summary>
    public byte[] HandoverV1To(PublicKeyBundle next)
    {
        byte[] signed = [0x01, .. Bundle.ToArray(), .. next.ToArray()];
        return [.. signed, .. Sign([.. "pm/v1/key-handover"u8, .. signed])];
    }

    public void Dispose() => signing.Dispose();
}
