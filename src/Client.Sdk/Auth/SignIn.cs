using System.Security.Cryptography;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>The ways in (password, link, OpenID Connect) and the fresh proofs of the master password (<see cref="AccountOperations"/>).</summary>
internal sealed class SignIn(AuthApi auth, SessionTokenManager tokens)
{
    public async Task<LoginAttempt> BeginLoginAsync(string username, ReadOnlyMemory<char> password, CancellationToken cancellationToken)
    {
        var masterKey = await DeriveMasterKeyAsync(username, password, cancellationToken);
        return new LoginAttempt(auth, tokens, username, masterKey);
    }

    public async Task<UnlockedAccount> LoginAsync(
        string username,
        ReadOnlyMemory<char> password,
        DeviceInfo device,
        Func<PmApiException, CancellationToken, ValueTask<SecondFactor?>>? secondFactor,
        CancellationToken cancellationToken)
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

    public async Task<MagicLinkLogin> BeginMagicLinkAsync(string email, DeviceInfo device, CancellationToken cancellationToken)
    {
        var login = new MagicLinkLogin(auth, tokens, device);
        await login.RequestAsync(email, cancellationToken);
        return login;
    }

    public MagicLinkLogin ResumeMagicLink(DeviceInfo device, string verifier) => new(auth, tokens, device, verifier);

    public async Task<OidcLogin> BeginOidcAsync(string provider, string redirectUri, DeviceInfo device, CancellationToken cancellationToken)
    {
        var login = new OidcLogin(auth, tokens, device);
        await login.StartAsync(provider, redirectUri, cancellationToken);
        return login;
    }

    public async Task<OidcIdentity> LinkOidcIdentityAsync(
        string username, ReadOnlyMemory<char> password, string identityTicket, SecondFactor? factor, CancellationToken cancellationToken)
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

    public async Task<byte[]> DeriveAuthHashAsync(string username, ReadOnlyMemory<char> password, CancellationToken cancellationToken)
    {
        using var masterKey = await DeriveMasterKeyAsync(username, password, cancellationToken);
        return masterKey.DeriveAuthHash();
    }

    /// <summary>prelogin → the server's KDF parameters, checked → the master key.</summary>
    private async Task<MasterKey> DeriveMasterKeyAsync(string username, ReadOnlyMemory<char> password, CancellationToken cancellationToken)
    {
        var prelogin = await auth.PreloginAsync(new PreloginRequest(username), cancellationToken);
        var kdf = prelogin.Kdf ?? throw new KdfParametersRejectedException("The server sent no KDF parameters.");
        var salt = prelogin.KdfSalt ?? throw new KdfParametersRejectedException("The server sent no KDF salt.");
        return await Task.Run(() => MasterKey.Derive(password.Span, salt, kdf), cancellationToken);
    }
}
