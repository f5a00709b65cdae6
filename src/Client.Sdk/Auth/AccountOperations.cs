using System.Net;
using System.Security.Cryptography;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// Account flows that combine API calls with client-side cryptography. The master password and master key
/// stay in this process: only authHash, salts, KDF parameters and encrypted keys cross the wire.
/// </summary>
public sealed class AccountOperations
{
    private readonly AuthApi auth;
    private readonly SessionTokenManager tokens;

    internal AccountOperations(AuthApi auth, SessionTokenManager tokens)
    {
        this.auth = auth;
        this.tokens = tokens;
    }

    /// <summary>Creates fresh account keys under a new user id and registers them. Does not log in.</summary>
    public async Task<RegisteredAccount> RegisterAsync(NewAccount account, ReadOnlyMemory<char> password, CancellationToken cancellationToken = default)
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

    /// <summary>
    /// prelogin → validate the server's KDF parameters → derive the master key. Continue with
    /// <see cref="LoginAttempt.CompleteAsync"/>.
    /// </summary>
    /// <exception cref="KdfParametersRejectedException">The server asked for KDF parameters outside the accepted range; nothing was derived.</exception>
    public async Task<LoginAttempt> BeginLoginAsync(string username, ReadOnlyMemory<char> password, CancellationToken cancellationToken = default)
    {
        var prelogin = await auth.PreloginAsync(new PreloginRequest(username), cancellationToken);
        var kdf = prelogin.Kdf ?? throw new KdfParametersRejectedException("The server sent no KDF parameters.");
        var salt = prelogin.KdfSalt ?? throw new KdfParametersRejectedException("The server sent no KDF salt.");

        var masterKey = await Task.Run(() => MasterKey.Derive(password.Span, salt, kdf), cancellationToken);
        return new LoginAttempt(auth, tokens, username, masterKey);
    }

    /// <summary>
    /// Asks the server to mail a sign-in link to <paramref name="email"/> (same answer whether or not it is a verified
    /// address of an account), bound to this device by a fresh PKCE verifier. Continue with
    /// <see cref="MagicLinkLogin.RedeemAsync"/> once the user pastes the mailed token.
    /// </summary>
    public async Task<MagicLinkLogin> BeginMagicLinkAsync(string email, DeviceInfo device, CancellationToken cancellationToken = default)
    {
        var login = new MagicLinkLogin(auth, tokens, device);
        await login.RequestAsync(email, cancellationToken);
        return login;
    }

    /// <summary>
    /// Starts an OpenID Connect sign-in at <paramref name="provider"/> (a name or issuer) for this device listening on
    /// <paramref name="redirectUri"/> (loopback). Open <see cref="OidcLogin.AuthorizationUrl"/> in a browser, then
    /// <see cref="OidcLogin.CompleteAsync"/> with the code the browser brings back.
    /// </summary>
    public async Task<OidcLogin> BeginOidcAsync(string provider, string redirectUri, DeviceInfo device, CancellationToken cancellationToken = default)
    {
        var login = new OidcLogin(auth, tokens, device);
        await login.StartAsync(provider, redirectUri, cancellationToken);
        return login;
    }

    /// <summary>
    /// Links the identity of <paramref name="identityTicket"/> to the signed-in account, proven with the master password
    /// (and <paramref name="factor"/> when MFA is on). Never done by matching addresses.
    /// </summary>
    public async Task<OidcIdentity> LinkOidcIdentityAsync(
        string username, ReadOnlyMemory<char> password, string identityTicket, SecondFactor? factor = null, CancellationToken cancellationToken = default)
    {
        var authHash = await DeriveAuthHashAsync(username, password, cancellationToken);
        try
        {
            return await auth.LinkOidcIdentityAsync(
                new LinkOidcIdentityRequest(identityTicket, authHash, factor?.Code, factor?.RecoveryCode), cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(authHash);
        }
    }

    /// <summary>A sign-in by link begun by an earlier process of this device, from its kept <see cref="MagicLinkLogin.Verifier"/>.</summary>
    public MagicLinkLogin ResumeMagicLink(DeviceInfo device, string verifier) => new(auth, tokens, device, verifier);

    /// <summary>
    /// <see cref="BeginLoginAsync"/> then <see cref="LoginAttempt.CompleteAsync"/>; when the server answers
    /// <c>auth.mfa_required</c>, asks <paramref name="secondFactor"/> for a TOTP or recovery code and sends it with the ticket.
    /// </summary>
    public async Task<UnlockedAccount> LoginAsync(
        string username,
        ReadOnlyMemory<char> password,
        DeviceInfo device,
        Func<PmApiException, CancellationToken, ValueTask<SecondFactor?>>? secondFactor = null,
        CancellationToken cancellationToken = default)
    {
        using var attempt = await BeginLoginAsync(username, password, cancellationToken);
        try
        {
            return await attempt.CompleteAsync(device, cancellationToken);
        }
        catch (PmApiException challenge) when (challenge.Code == ProblemCodes.MfaRequired && secondFactor is not null && attempt.NeedsSecondFactor)
        {
            var factor = await secondFactor(challenge, cancellationToken);
            if (factor is null) throw;
            return await attempt.CompleteWithSecondFactorAsync(device, factor, cancellationToken);
        }
    }

    /// <summary>
    /// The authHash of <paramref name="password"/> for this account (prelogin, checked KDF parameters, derivation), for the
    /// calls that need a fresh proof of the master password (MFA changes). Wipe the answer after use.
    /// </summary>
    public async Task<byte[]> DeriveAuthHashAsync(string username, ReadOnlyMemory<char> password, CancellationToken cancellationToken = default)
    {
        var prelogin = await auth.PreloginAsync(new PreloginRequest(username), cancellationToken);
        var kdf = prelogin.Kdf ?? throw new KdfParametersRejectedException("The server sent no KDF parameters.");
        var salt = prelogin.KdfSalt ?? throw new KdfParametersRejectedException("The server sent no KDF salt.");
        using var masterKey = await Task.Run(() => MasterKey.Derive(password.Span, salt, kdf), cancellationToken);
        return masterKey.DeriveAuthHash();
    }

    /// <summary>
    /// Unlocks the account keys from key material kept locally (<see cref="UnlockedAccount.Material"/> of an earlier
    /// login) and the master password, without contacting the server. The KDF parameters are checked again, and the
    /// keys must produce <paramref name="pinnedBundle"/> (the bundle pinned at login).
    /// </summary>
    /// <exception cref="DecryptionFailedException">Wrong master password (or altered material).</exception>
    public static AccountKeys Unlock(ReadOnlySpan<char> password, UnlockMaterial material, ReadOnlySpan<byte> pinnedBundle)
    {
        using var masterKey = DeriveChecked(password, material);
        return Unlock(masterKey, material, pinnedBundle);
    }

    private static MasterKey DeriveChecked(ReadOnlySpan<char> password, UnlockMaterial material)
    {
        ArgumentNullException.ThrowIfNull(material);
        material.Kdf.Validate();
        return MasterKey.Derive(password, material.KdfSalt, material.Kdf);
    }

    private static AccountKeys Unlock(MasterKey masterKey, UnlockMaterial material, ReadOnlySpan<byte> pinnedBundle)
    {
        var keys = AccountKeys.Unlock(masterKey, material.UserId, material.EncryptedUserKey, material.EncryptedPrivateKeys);
        if (!keys.PublicBundle.Matches(PublicKeyBundle.Parse(pinnedBundle, material.UserId)))
        {
            keys.Dispose();
            throw new IdentityMismatchException("The unlocked keys do not produce the public key bundle pinned at login.");
        }

        return keys;
    }

    /// <summary>
    /// Registers an account with the key material of an export archive's header (same user id, salt, KDF, encrypted
    /// keys and bundle), so that the archive can be imported into it. The password must open that material; the
    /// authHash is derived from it again. Does not log in.
    /// </summary>
    /// <exception cref="DecryptionFailedException">The password does not open the archive's keys.</exception>
    public async Task<RegisteredAccount> RegisterFromArchiveAsync(
        Vault.Contracts.ArchiveAccount archived, NewAccount account, ReadOnlyMemory<char> password, CancellationToken cancellationToken = default)
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

    /// <summary>
    /// Changes the master password (or, with the same password and new <paramref name="newKdf"/>, only the KDF
    /// parameters): unlocks with <paramref name="currentPassword"/> from <paramref name="current"/> (checked against
    /// <paramref name="pinnedBundle"/>), re-wraps the same USK under a KEK from <paramref name="newPassword"/> and a fresh
    /// salt, and sends both authHashes. Vaults and private keys are untouched. The server revokes every other session.
    /// Returns the new key material, which replaces <paramref name="current"/> wherever it is kept.
    /// </summary>
    /// <exception cref="DecryptionFailedException"><paramref name="currentPassword"/> is wrong; nothing was sent.</exception>
    /// <exception cref="KdfParametersRejectedException"><paramref name="newKdf"/> is outside the accepted range; nothing was sent.</exception>
    public async Task<(UnlockMaterial Material, int RevokedSessions)> ChangeMasterPasswordAsync(
        UnlockMaterial current, ReadOnlyMemory<char> currentPassword, ReadOnlyMemory<char> newPassword, ReadOnlyMemory<byte> pinnedBundle,
        KdfParameters? newKdf = null, SecondFactor? secondFactor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var kdf = newKdf ?? current.Kdf;
        kdf.Validate();
        var (currentAuthHash, change) = await Task.Run(
            () =>
            {
                using var masterKey = DeriveChecked(currentPassword.Span, current);
                using var keys = Unlock(masterKey, current, pinnedBundle.Span);
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

    /// <summary>
    /// Deletes the account after proving the master password again (a fresh authHash from <paramref name="material"/>),
    /// then forgets this session's tokens. A <see cref="PmApiException"/> with <c>auth.account_deletion_blocked</c> lists
    /// the shared vaults to transfer, delete or have re-keyed first (<see cref="AccountDeletionBlockers"/>).
    /// </summary>
    /// <exception cref="DecryptionFailedException"><paramref name="password"/> is wrong; nothing was sent.</exception>
    public async Task<DeleteAccountResponse> DeleteAccountAsync(
        UnlockMaterial material, ReadOnlyMemory<char> password, ReadOnlyMemory<byte> pinnedBundle, SecondFactor? secondFactor = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(material);
        var authHash = await Task.Run(
            () =>
            {
                using var masterKey = DeriveChecked(password.Span, material);
                using var keys = Unlock(masterKey, material, pinnedBundle.Span);
                return masterKey.DeriveAuthHash();
            },
            cancellationToken);
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

    /// <summary>
    /// Sends a prepared key rotation (<see cref="Sharing.SharingOperations.PrepareKeyRotationAsync"/>) with a fresh authHash
    /// from <paramref name="material"/> and <paramref name="password"/>, and returns the key material that replaces
    /// <paramref name="material"/> (the new private keys under the same USK) wherever it is kept.
    /// </summary>
    /// <exception cref="DecryptionFailedException"><paramref name="password"/> is wrong; nothing was sent.</exception>
    public async Task<(UnlockMaterial Material, RotateKeysResponse Response)> RotateKeysAsync(
        UnlockMaterial material, ReadOnlyMemory<char> password, ReadOnlyMemory<byte> pinnedBundle, KeyRotation rotation,
        SecondFactor? secondFactor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(material);
        ArgumentNullException.ThrowIfNull(rotation);
        var authHash = await Task.Run(
            () =>
            {
                using var masterKey = DeriveChecked(password.Span, material);
                using var keys = Unlock(masterKey, material, pinnedBundle.Span);
                return masterKey.DeriveAuthHash();
            },
            cancellationToken);
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

    /// <summary>Ends this session on the server and forgets its tokens locally (also when the server already ended it).</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await auth.LogoutAsync(cancellationToken);
        }
        catch (PmApiException problem) when (problem.Status == HttpStatusCode.Unauthorized)
        {
        }
        finally
        {
            await tokens.ForgetAsync(CancellationToken.None);
        }
    }

    /// <summary>True when the token store holds a session (it may still have been revoked on the server).</summary>
    public async Task<bool> HasSessionAsync(CancellationToken cancellationToken = default) =>
        await tokens.PeekAsync(cancellationToken) is not null;

    /// <summary>
    /// The bundle the server publishes for the caller, verified (self-signature, user id). Compare its
    /// fingerprint with the one computed from the unlocked keys at login to detect a substituted bundle.
    /// </summary>
    public async Task<PublicKeyBundle> GetPublishedBundleAsync(CancellationToken cancellationToken = default)
    {
        var account = await auth.GetAccountAsync(cancellationToken);
        return PublicKeyBundle.Parse(account.PublicKeyBundle, account.UserId);
    }
}
