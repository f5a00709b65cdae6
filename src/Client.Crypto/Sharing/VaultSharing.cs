using PasswordManager.Client.Crypto.Keys;

namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>Share = unwrap own vault key, verify the recipient's bundle, wrap and sign for the recipient.</summary>
public static class VaultSharing
{
    /// <param name="ownGrant">The sharer's own access record for the vault (must carry admin permission).</param>
    /// <param name="ownGrantGranterBundle">Pinned bundle of whoever granted <paramref name="ownGrant"/> (the sharer itself for a vault it created).</param>
    /// <param name="sharer">The unlocked sharer.</param>
    /// <param name="recipientBundle">Bundle bytes fetched from the key directory.</param>
    /// <param name="recipientId">Who the sharer means to share with; the bundle must be that user's.</param>
    /// <param name="permission">Permission to grant.</param>
    /// <param name="pinnedRecipientFingerprint">If the recipient was verified before, its pinned fingerprint; a different bundle is rejected.</param>
    public static AccessGrant Share(
        AccessGrant ownGrant,
        PublicKeyBundle ownGrantGranterBundle,
        AccountKeys sharer,
        ReadOnlySpan<byte> recipientBundle,
        Guid recipientId,
        AccessPermission permission,
        string? pinnedRecipientFingerprint = null)
    {
        ArgumentNullException.ThrowIfNull(ownGrant);
        if (ownGrant.Permission != AccessPermission.Admin)
        {
            throw new InvalidOperationException("Only a vault admin can grant access.");
        }

        var recipient = PublicKeyBundle.Parse(recipientBundle, recipientId);
        if (pinnedRecipientFingerprint is not null
            && !string.Equals(recipient.Fingerprint, pinnedRecipientFingerprint, StringComparison.Ordinal))
        {
            throw new IdentityMismatchException("The recipient's key bundle does not match the pinned fingerprint.");
        }

        using var vaultKey = VaultKey.Unwrap(ownGrant, ownGrantGranterBundle, sharer);
        return vaultKey.WrapFor(recipient, permission, sharer);
    }
}
