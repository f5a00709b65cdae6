using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>
/// A vault key (DEK): random 32 bytes, one per vault and key epoch. It knows its vault and epoch, so an
/// entry can only be encrypted or decrypted in the context it belongs to.
/// </summary>
public sealed class VaultKey : IDisposable
{
    private VaultKey(Guid vaultId, long epoch, Key key)
    {
        AssociatedData.CheckCounter(epoch, nameof(epoch));
        VaultId = vaultId;
        Epoch = epoch;
        Key = key;
    }

    public Guid VaultId { get; }

    public long Epoch { get; }

    internal Key Key { get; }

    public static VaultKey Create(Guid vaultId, long epoch) => new(vaultId, epoch, Aead.GenerateKey());

    internal static VaultKey Import(Guid vaultId, long epoch, ReadOnlySpan<byte> rawKey) =>
        new(vaultId, epoch, Aead.ImportKey(rawKey, exportable: true));

    /// <summary>Seals this key for <paramref name="recipient"/> and signs the record with the granter's Ed25519 key.</summary>
    public AccessGrant WrapFor(PublicKeyBundle recipient, AccessPermission permission, AccountKeys granter)
    {
        using var ephemeral = Key.Create(X25519Exchange.Algorithm);
        return WrapFor(recipient, permission, granter, ephemeral, RandomNumberGenerator.GetBytes(EnvelopeFormat.NonceSize));
    }

    internal AccessGrant WrapFor(
        PublicKeyBundle recipient, AccessPermission permission, AccountKeys granter, Key ephemeralPrivateKey, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(granter);
        byte[] wrappedKey;
        using (var raw = new SecretBuffer(EnvelopeFormat.KeySize))
        {
            KeyExport.ExportRaw(Key, raw.Span);
            wrappedKey = SealedKeyEnvelope.Seal(
                recipient.X25519PublicKey, raw.Span, AssociatedData.Seal(VaultId, recipient.UserId, Epoch), ephemeralPrivateKey, nonce);
        }

        var message = AccessSignature.CanonicalMessage(VaultId, recipient.UserId, Epoch, permission, wrappedKey);
        var signature = Ed25519Signer.Sign(granter.SigningKey, message);
        return new AccessGrant(VaultId, recipient.UserId, Epoch, permission, granter.UserId, wrappedKey, signature);
    }

    /// <summary>
    /// Verifies the granter's signature against <paramref name="granterBundle"/> (which the caller has
    /// pinned), then opens the sealed key with the recipient's X25519 private key.
    /// </summary>
    public static VaultKey Unwrap(AccessGrant grant, PublicKeyBundle granterBundle, AccountKeys recipient)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(recipient);
        if (grant.RecipientId != recipient.UserId)
        {
            throw new IdentityMismatchException("The access record is addressed to another user.");
        }

        grant.Verify(granterBundle);

        using var raw = new SecretBuffer(EnvelopeFormat.KeySize);
        SealedKeyEnvelope.Open(
            recipient.EncryptionKey, grant.WrappedKey, AssociatedData.Seal(grant.VaultId, grant.RecipientId, grant.KeyEpoch), raw.Span);
        return Import(grant.VaultId, grant.KeyEpoch, raw.Span);
    }

    public void Dispose() => Key.Dispose();
}
