using System.Net;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// Account flows that combine API calls with client-side cryptography. The master password and master key
/// stay in this process: only authHash, salts, KDF parameters and encrypted keys cross the wire. The public face over
/// <see cref="AccountRegistration"/>, <see cref="SignIn"/>, <see cref="AccountKeyChanges"/> and <see cref="LocalUnlock"/>.
/// </summary>
public sealed class AccountOperations
{
    private readonly AuthApi auth;
    private readonly SessionTokenManager tokens;
    private readonly AccountRegistration registration;
    private readonly SignIn signIn;
    private readonly AccountKeyChanges keyChanges;

    internal AccountOperations(AuthApi auth, SessionTokenManager tokens)
    {
        this.auth = auth;
        this.tokens = tokens;
        registration = new AccountRegistration(auth);
        signIn = new SignIn(auth, tokens);
        keyChanges = new AccountKeyChanges(auth, tokens);
    }

    /// <summary>Creates fresh account keys under a new user id and registers them. Does not log in.</summary>
    public Task<RegisteredAccount> RegisterAsync(NewAccount account, ReadOnlyMemory<char> password, CancellationToken cancellationToken = default) =>
        registration.RegisterAsync(account, password, cancellationToken);

    /// <summary>
    /// prelogin → validate the server's KDF parameters → derive the master key. Continue with
    /// <see cref="LoginAttempt.CompleteAsync"/>.
    /// </summary>
    /// <exception cref="KdfParametersRejectedException">The server asked for KDF parameters outside the accepted range; nothing was derived.</exception>
    public Task<LoginAttempt> BeginLoginAsync(string username, ReadOnlyMemory<char> password, CancellationToken cancellationToken = default) =>
        signIn.BeginLoginAsync(username, password, cancellationToken);

    /// <summary>
    /// Asks the server to mail a sign-in link to <paramref name="email"/> (same answer whether or not it is a verified
    /// address of an account), bound to this device by a fresh PKCE verifier. Continue with
    /// <see cref="MagicLinkLogin.RedeemAsync"/> once the user pastes the mailed token.
    /// </summary>
    public Task<MagicLinkLogin> BeginMagicLinkAsync(string email, DeviceInfo device, CancellationToken cancellationToken = default) =>
        signIn.BeginMagicLinkAsync(email, device, cancellationToken);

    /// <summary>
    /// Starts an OpenID Connect sign-in at <paramref name="provider"/> (a name or issuer) for this device listening on
    /// <paramref name="redirectUri"/> (loopback). Open <see cref="OidcLogin.AuthorizationUrl"/> in a browser, then
    /// <see cref="OidcLogin.CompleteAsync"/> with the code the browser brings back.
    /// </summary>
    public Task<OidcLogin> BeginOidcAsync(string provider, string redirectUri, DeviceInfo device, CancellationToken cancellationToken = default) =>
        signIn.BeginOidcAsync(provider, redirectUri, device, cancellationToken);

    /// <summary>
    /// Links the identity of <paramref name="identityTicket"/> to the signed-in account, proven with the master password
    /// (and <paramref name="factor"/> when MFA is on). Never done by matching addresses.
    /// </summary>
    public Task<OidcIdentity> LinkOidcIdentityAsync(
        string username, ReadOnlyMemory<char> password, string identityTicket, SecondFactor? factor = null, CancellationToken cancellationToken = default) =>
        signIn.LinkOidcIdentityAsync(username, password, identityTicket, factor, cancellationToken);

    /// <summary>A sign-in by link begun by an earlier process of this device, from its kept <see cref="MagicLinkLogin.Verifier"/>.</summary>
    public MagicLinkLogin ResumeMagicLink(DeviceInfo device, string verifier) => signIn.ResumeMagicLink(device, verifier);

    /// <summary>
    /// <see cref="BeginLoginAsync"/> then <see cref="LoginAttempt.CompleteAsync"/>; when the server answers
    /// <c>auth.mfa_required</c>, asks <paramref name="secondFactor"/> for a TOTP or recovery code and sends it with the ticket.
    /// </summary>
    public Task<UnlockedAccount> LoginAsync(
        string username,
        ReadOnlyMemory<char> password,
        DeviceInfo device,
        Func<PmApiException, CancellationToken, ValueTask<SecondFactor?>>? secondFactor = null,
        CancellationToken cancellationToken = default) =>
        signIn.LoginAsync(username, password, device, secondFactor, cancellationToken);

    /// <summary>
    /// The authHash of <paramref name="password"/> for this account (prelogin, checked KDF parameters, derivation), for the
    /// calls that need a fresh proof of the master password (MFA changes). Wipe the answer after use.
    /// </summary>
    public Task<byte[]> DeriveAuthHashAsync(string username, ReadOnlyMemory<char> password, CancellationToken cancellationToken = default) =>
        signIn.DeriveAuthHashAsync(username, password, cancellationToken);

    /// <summary>
    /// Unlocks the account keys from key material kept locally (<see cref="UnlockedAccount.Material"/> of an earlier
    /// login) and the master password, without contacting the server. The KDF parameters are checked again, and the
    /// keys must produce <paramref name="pinnedBundle"/> (the bundle pinned at login).
    /// </summary>
    /// <exception cref="DecryptionFailedException">Wrong master password (or altered material).</exception>
    public static AccountKeys Unlock(ReadOnlySpan<char> password, UnlockMaterial material, ReadOnlySpan<byte> pinnedBundle) =>
        LocalUnlock.Unlock(password, material, pinnedBundle);

    /// <summary>
    /// Registers an account with the key material of an export archive's header (same user id, salt, KDF, encrypted
    /// keys and bundle), so that the archive can be imported into it. The password must open that material; the
    /// authHash is derived from it again. Does not log in.
    /// </summary>
    /// <exception cref="DecryptionFailedException">The password does not open the archive's keys.</exception>
    public Task<RegisteredAccount> RegisterFromArchiveAsync(
        Vault.Contracts.ArchiveAccount archived, NewAccount account, ReadOnlyMemory<char> password, CancellationToken cancellationToken = default) =>
        registration.RegisterFromArchiveAsync(archived, account, password, cancellationToken);

    /// <summary>
    /// Changes the master password (or, with the same password and new <paramref name="newKdf"/>, only the KDF
    /// parameters): unlocks with <paramref name="currentPassword"/> from <paramref name="current"/> (checked against
    /// <paramref name="pinnedBundle"/>), re-wraps the same USK under a KEK from <paramref name="newPassword"/> and a fresh
    /// salt, and sends both authHashes. Vaults and private keys are untouched. The server revokes every other session.
    /// Returns the new key material, which replaces <paramref name="current"/> wherever it is kept.
    /// </summary>
    /// <exception cref="DecryptionFailedException"><paramref name="currentPassword"/> is wrong; nothing was sent.</exception>
    /// <exception cref="KdfParametersRejectedException"><paramref name="newKdf"/> is outside the accepted range; nothing was sent.</exception>
    public Task<(UnlockMaterial Material, int RevokedSessions)> ChangeMasterPasswordAsync(
        UnlockMaterial current, ReadOnlyMemory<char> currentPassword, ReadOnlyMemory<char> newPassword, ReadOnlyMemory<byte> pinnedBundle,
        KdfParameters? newKdf = null, SecondFactor? secondFactor = null, CancellationToken cancellationToken = default) =>
        keyChanges.ChangeMasterPasswordAsync(current, currentPassword, newPassword, pinnedBundle, newKdf, secondFactor, cancellationToken);

    /// <summary>
    /// Deletes the account after proving the master password again (a fresh authHash from <paramref name="material"/>),
    /// then forgets this session's tokens. A <see cref="PmApiException"/> with <c>auth.account_deletion_blocked</c> lists
    /// the shared vaults to transfer, delete or have re-keyed first (<see cref="AccountDeletionBlockers"/>).
    /// </summary>
    /// <exception cref="DecryptionFailedException"><paramref name="password"/> is wrong; nothing was sent.</exception>
    public Task<DeleteAccountResponse> DeleteAccountAsync(
        UnlockMaterial material, ReadOnlyMemory<char> password, ReadOnlyMemory<byte> pinnedBundle, SecondFactor? secondFactor = null,
        CancellationToken cancellationToken = default) =>
        keyChanges.DeleteAccountAsync(material, password, pinnedBundle, secondFactor, cancellationToken);

    /// <summary>
    /// Sends a prepared key rotation (<see cref="Sharing.SharingOperations.PrepareKeyRotationAsync"/>) with a fresh authHash
    /// from <paramref name="material"/> and <paramref name="password"/>, and returns the key material that replaces
    /// <paramref name="material"/> (the new private keys under the same USK) wherever it is kept.
    /// </summary>
    /// <exception cref="DecryptionFailedException"><paramref name="password"/> is wrong; nothing was sent.</exception>
    public Task<(UnlockMaterial Material, RotateKeysResponse Response)> RotateKeysAsync(
        UnlockMaterial material, ReadOnlyMemory<char> password, ReadOnlyMemory<byte> pinnedBundle, KeyRotation rotation,
        SecondFactor? secondFactor = null, CancellationToken cancellationToken = default) =>
        keyChanges.RotateKeysAsync(material, password, pinnedBundle, rotation, secondFactor, cancellationToken);

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
