using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>Opens the account keys from locally kept material and the master password, checked against the pinned bundle.</summary>
internal static class LocalUnlock
{
    public static AccountKeys Unlock(ReadOnlySpan<char> password, UnlockMaterial material, ReadOnlySpan<byte> pinnedBundle)
    {
        using var masterKey = DeriveChecked(password, material);
        return Unlock(masterKey, material, pinnedBundle);
    }

    public static MasterKey DeriveChecked(ReadOnlySpan<char> password, UnlockMaterial material)
    {
        ArgumentNullException.ThrowIfNull(material);
        material.Kdf.Validate();
        return MasterKey.Derive(password, material.KdfSalt, material.Kdf);
    }

    public static AccountKeys Unlock(MasterKey masterKey, UnlockMaterial material, ReadOnlySpan<byte> pinnedBundle)
    {
        var keys = AccountKeys.Unlock(masterKey, material.UserId, material.EncryptedUserKey, material.EncryptedPrivateKeys);
        if (!keys.PublicBundle.Matches(PublicKeyBundle.Parse(pinnedBundle, material.UserId)))
        {
            keys.Dispose();
            throw new IdentityMismatchException("The unlocked keys do not produce the public key bundle pinned at login.");
        }

        return keys;
    }

    /// <summary>A fresh authHash, derived only once the password opened <paramref name="material"/> to the pinned keys. Wipe it after use.</summary>
    public static Task<byte[]> ProveAsync(
        UnlockMaterial material, ReadOnlyMemory<char> password, ReadOnlyMemory<byte> pinnedBundle, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                using var masterKey = DeriveChecked(password.Span, material);
                using var keys = Unlock(masterKey, material, pinnedBundle.Span);
                return masterKey.DeriveAuthHash();
            },
            cancellationToken);
}
