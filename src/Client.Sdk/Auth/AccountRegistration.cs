using System.Security.Cryptography;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>Registration with fresh keys or with the key material of an export archive (<see cref="AccountOperations"/>).</summary>
internal sealed class AccountRegistration(AuthApi auth)
{
    public async Task<RegisteredAccount> RegisterAsync(NewAccount account, ReadOnlyMemory<char> password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var keys = AccountKeys.Create(Guid.NewGuid());
        var material = await Task.Run(() => keys.CreateRegistration(password.Span, account.Kdf), cancellationToken);
        try
        {
            var registered = await auth.RegisterAsync(
                new RegisterRequest(
                    keys.UserId, account.Username, account.Email, material.AuthHash, material.Kdf, material.Salt,
                    material.EncryptedUserKey, material.EncryptedPrivateKeys, material.PublicKeyBundle,
                    account.PasswordHint, account.InvitationCode, account.OidcIdentityTicket),
                cancellationToken);
            return new RegisteredAccount(registered.UserId, account.Username, registered.TenantId, registered.Role, keys.PublicBundle.Fingerprint);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material.AuthHash);
        }
    }

    public async Task<RegisteredAccount> RegisterFromArchiveAsync(
        Vault.Contracts.ArchiveAccount archived, NewAccount account, ReadOnlyMemory<char> password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archived);
        ArgumentNullException.ThrowIfNull(account);
        archived.Kdf.Validate();
        var (authHash, fingerprint) = await Task.Run(
            () =>
            {
                using var masterKey = MasterKey.Derive(password.Span, archived.KdfSalt, archived.Kdf);
                using var keys = AccountKeys.Unlock(masterKey, archived.UserId, archived.EncryptedUserKey, archived.EncryptedPrivateKeys);
                if (!keys.PublicBundle.Matches(PublicKeyBundle.Parse(archived.PublicKeyBundle, archived.UserId)))
                    throw new IdentityMismatchException("The archive's public key bundle does not match its private keys.");
                return (masterKey.DeriveAuthHash(), keys.PublicBundle.Fingerprint);
            },
            cancellationToken);
        try
        {
            var registered = await auth.RegisterAsync(
                new RegisterRequest(
                    archived.UserId, account.Username, account.Email, authHash, archived.Kdf, archived.KdfSalt,
                    archived.EncryptedUserKey, archived.EncryptedPrivateKeys, archived.PublicKeyBundle, account.PasswordHint, account.InvitationCode),
                cancellationToken);
            return new RegisteredAccount(registered.UserId, account.Username, registered.TenantId, registered.Role, fingerprint);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(authHash);
        }
    }
}
