using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>
/// The crypto part of an access record: the vault key sealed for <paramref name="RecipientId"/> and the
/// granter's Ed25519 signature over (vaultId, recipientId, keyEpoch, permission, wrappedKey).
/// <paramref name="GranterId"/> is not signed; it only says which bundle verifies the signature.
/// </summary>
/// <param name="VaultId">Vault the key belongs to.</param>
/// <param name="RecipientId">Member who can unwrap the key.</param>
/// <param name="KeyEpoch">Epoch of the vault key.</param>
/// <param name="Permission">Signed permission.</param>
/// <param name="GranterId">User whose Ed25519 key signed the record.</param>
/// <param name="WrappedKey">106-byte sealed key.</param>
/// <param name="Signature">64-byte Ed25519 signature.</param>
public sealed record AccessGrant(
    Guid VaultId,
    Guid RecipientId,
    long KeyEpoch,
    AccessPermission Permission,
    Guid GranterId,
    byte[] WrappedKey,
    byte[] Signature)
{
    /// <summary>
    /// Checks that <paramref name="granterBundle"/> is the granter's and that the signature verifies;
    /// throws <see cref="IdentityMismatchException"/>, <see cref="CryptoFormatException"/> or <see cref="SignatureInvalidException"/>.
    /// </summary>
    public void Verify(PublicKeyBundle granterBundle)
    {
        ArgumentNullException.ThrowIfNull(granterBundle);
        if (granterBundle.UserId != GranterId)
        {
            throw new IdentityMismatchException("The bundle used to verify the access record is not the granter's.");
        }

        if (WrappedKey is null || WrappedKey.Length != EnvelopeFormat.SealedKeySize)
        {
            throw new CryptoFormatException($"A wrapped vault key is {EnvelopeFormat.SealedKeySize} bytes.");
        }

        var message = AccessSignature.CanonicalMessage(VaultId, RecipientId, KeyEpoch, Permission, WrappedKey);
        if (Signature is null || !Ed25519Signer.Verify(granterBundle.Ed25519PublicKey, message, Signature))
        {
            throw new SignatureInvalidException("The access record signature is invalid.");
        }
    }

    /// <summary>
    /// The same record (same wrapped key) with <paramref name="permission"/>, signed by <paramref name="granter"/>:
    /// a permission change. Verify this record first, or the new signature vouches for a key nobody checked.
    /// </summary>
    public AccessGrant Resign(AccessPermission permission, AccountKeys granter)
    {
        ArgumentNullException.ThrowIfNull(granter);
        var message = AccessSignature.CanonicalMessage(VaultId, RecipientId, KeyEpoch, permission, WrappedKey);
        return this with { Permission = permission, GranterId = granter.UserId, Signature = Ed25519Signer.Sign(granter.SigningKey, message) };
    }

    /// <summary>
    /// The same record (same key, permission and epoch) signed by <paramref name="granter"/>'s rotated keys: the granter's
    /// re-signature of records it signed for others when it rotates its keys. Verify this record first.
    /// </summary>
    public AccessGrant Resign(AccountKeys granter) => Resign(Permission, granter);
}
