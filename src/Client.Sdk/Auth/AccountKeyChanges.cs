using System.Security.Cryptography;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>The changes that need a fresh proof of the master password: password, key rotation, deletion (<see cref="AccountOperations"/>).</summary>
internal sealed class AccountKeyChanges(AuthApi auth, SessionTokenManager tokens)
{
    public async Task<(UnlockMaterial Material, int RevokedSessions)> ChangeMasterPasswordAsync(
        UnlockMaterial current, ReadOnlyMemory<char> currentPassword, ReadOnlyMemory<char> newPassword, ReadOnlyMemory<byte> pinnedBundle,
        KdfParameters? newKdf, SecondFactor? secondFactor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var kdf = newKdf ?? current.Kdf;
        kdf.Validate();
        var (currentAuthHash, change) = await Task.Run(
            () =>
            {
                using var masterKey = LocalUnlock.DeriveChecked(currentPassword.Span, current);
                using var keys = LocalUnlock.Unlock(masterKey, current, pinnedBundle.Span);
                return (masterKey.DeriveAuthHash(), keys.ChangePassword(newPassword.Span, kdf));
            },
            cancellationToken);
        try
        {
            var response = await auth.ChangeMasterPasswordAsync(
                new ChangeMasterPasswordRequest(
                    currentAuthHash, change.AuthHash, change.Kdf, change.Salt, change.EncryptedUserKey, secondFactor?.Code, secondFactor?.RecoveryCode),
                cancellationToken);
            return (current with { Kdf = change.Kdf, KdfSalt = change.Salt, EncryptedUserKey = change.EncryptedUserKey }, response.RevokedSessions);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(currentAuthHash);
            CryptographicOperations.ZeroMemory(change.AuthHash);
        }
    }

    public async Task<DeleteAccountResponse> DeleteAccountAsync(
        UnlockMaterial material, ReadOnlyMemory<char> password, ReadOnlyMemory<byte> pinnedBundle, SecondFactor? secondFactor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(material);
        var authHash = await LocalUnlock.ProveAsync(material, password, pinnedBundle, cancellationToken);
        try
        {
            var deleted = await auth.DeleteAccountAsync(new DeleteAccountRequest(authHash, secondFactor?.Code, secondFactor?.RecoveryCode), cancellationToken);
            await tokens.ForgetAsync(CancellationToken.None);
            return deleted;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(authHash);
        }
    }

    public async Task<(UnlockMaterial Material, RotateKeysResponse Response)> RotateKeysAsync(
        UnlockMaterial material, ReadOnlyMemory<char> password, ReadOnlyMemory<byte> pinnedBundle, KeyRotation rotation,
        SecondFactor? secondFactor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(material);
        ArgumentNullException.ThrowIfNull(rotation);
        var authHash = await LocalUnlock.ProveAsync(material, password, pinnedBundle, cancellationToken);
        try
        {
            var response = await auth.RotateKeysAsync(
                new RotateKeysRequest(
                    authHash, secondFactor?.Code, secondFactor?.RecoveryCode, rotation.EncryptedPrivateKeys, rotation.NewKeys.PublicBundle.ToArray(),
                    rotation.Handover, rotation.AccessRecords),
                cancellationToken);
            return (material with { EncryptedPrivateKeys = rotation.EncryptedPrivateKeys, PublicKeyBundle = rotation.NewKeys.PublicBundle.ToArray() }, response);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(authHash);
        }
    }
}
