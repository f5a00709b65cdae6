using System.Security.Cryptography;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// A login whose master key is derived but not yet sent. After <c>auth.mfa_required</c>, continue with
/// <see cref="CompleteWithSecondFactorAsync"/>, without deriving again. Dispose to wipe the master key.
/// </summary>
public sealed class LoginAttempt : IDisposable
{
    private readonly AuthApi auth;
    private readonly SessionTokenManager tokens;
    private readonly MasterKey masterKey;
    private readonly byte[] authHash;
    private string? mfaTicket;

    internal LoginAttempt(AuthApi auth, SessionTokenManager tokens, string username, MasterKey masterKey)
    {
        this.auth = auth;
        this.tokens = tokens;
        this.masterKey = masterKey;
        Username = username;
        authHash = masterKey.DeriveAuthHash();
    }

    public string Username { get; }

    /// <summary>
    /// Logs in with the authHash, unlocks the account keys, checks the server's public key bundle is the
    /// one these keys produce, then stores the session tokens. Nothing is stored if any step fails.
    /// When the account has MFA on, this throws <c>auth.mfa_required</c> and keeps the server's ticket:
    /// continue with <see cref="CompleteWithSecondFactorAsync"/>.
    /// </summary>
    /// <exception cref="PmApiException">The server refused the login (for example <c>auth.invalid_credentials</c>, <c>auth.mfa_required</c> or <c>auth.login_throttled</c>).</exception>
    /// <exception cref="CryptoException">The server's key material does not open or does not match: the server is not trustworthy.</exception>
    public async Task<UnlockedAccount> CompleteAsync(DeviceInfo device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        LoginResponse response;
        try
        {
            response = await auth.LoginAsync(new LoginRequest(Username, authHash, device), cancellationToken);
        }
        catch (PmApiException challenge) when (challenge.Code == ProblemCodes.MfaRequired)
        {
            mfaTicket = challenge.DetailText("mfaTicket");
            throw;
        }

        return await AcceptAsync(response, cancellationToken);
    }

    /// <summary>True after <see cref="CompleteAsync"/> answered <c>auth.mfa_required</c> with a ticket.</summary>
    public bool NeedsSecondFactor => mfaTicket is not null;

    /// <summary>
    /// The second step: the ticket kept from <see cref="CompleteAsync"/> plus a TOTP code or a recovery code, from the same
    /// device. Unlocks and stores the session like <see cref="CompleteAsync"/>.
    /// </summary>
    /// <exception cref="PmApiException">For example <c>auth.mfa_code_invalid</c>, <c>auth.mfa_ticket_invalid</c> or <c>auth.login_throttled</c>.</exception>
    public async Task<UnlockedAccount> CompleteWithSecondFactorAsync(DeviceInfo device, SecondFactor factor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(factor);
        var ticket = mfaTicket ?? throw new InvalidOperationException("The server has not asked for a second factor; call CompleteAsync first.");
        var response = await auth.LoginMfaAsync(new LoginMfaRequest(ticket, device.Id, factor.Code, factor.RecoveryCode), cancellationToken);
        mfaTicket = null;
        return await AcceptAsync(response, cancellationToken);
    }

    internal async Task<UnlockedAccount> AcceptAsync(LoginResponse response, CancellationToken cancellationToken)
    {
        UnlockedAccount unlocked;
        try
        {
            unlocked = Unlock(response);
        }
        catch (CryptoException)
        {
            await AbandonSessionAsync(response.AccessToken);
            throw;
        }

        await tokens.StartAsync(
            new SessionTokens(response.SessionId, response.RefreshToken, response.AccessToken, response.AccessTokenExpiresAt),
            cancellationToken);
        return unlocked;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(authHash);
        masterKey.Dispose();
    }

    private UnlockedAccount Unlock(LoginResponse response)
    {
        var material = response.Account;
        var keys = AccountKeys.Unlock(masterKey, material.UserId, material.EncryptedUserKey, material.EncryptedPrivateKeys);
        try
        {
            // A server could publish a bundle with keys of its own so that others encrypt to it; the bundle
            // must be exactly the one our private keys produce.
            var published = PublicKeyBundle.Parse(material.PublicKeyBundle, material.UserId);
            if (!keys.PublicBundle.Matches(published))
            {
                throw new IdentityMismatchException("The server's public key bundle for this account does not match the account's private keys.");
            }

            return new UnlockedAccount(keys, material, response.SessionId) { RecoveryCodesRemaining = response.RecoveryCodesRemaining };
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    private async Task AbandonSessionAsync(string accessToken)
    {
        try
        {
            await auth.LogoutAsync(accessToken, CancellationToken.None);
        }
        catch (Exception exception) when (exception is PmApiException or HttpRequestException or TaskCanceledException)
        {
            // Best effort: the tokens were never stored, so the session only lingers until it expires.
        }
    }
}
