using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// A sign-in with an OpenID Connect provider from this device (RFC 8252: the browser brings the code back to a loopback
/// address the device listens on). This object holds the device's verifier, so only this device can complete. The
/// server exchanges the code and validates the ID token; the session it gives releases only the wrapped keys, and
/// <see cref="UnlockAsync"/> needs the master password as every login does.
/// </summary>
public sealed class OidcLogin
{
    private readonly AuthApi auth;
    private readonly SessionTokenManager tokens;
    private readonly string verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
    private LoginResponse? session;
    private string? mfaTicket;

    internal OidcLogin(AuthApi auth, SessionTokenManager tokens, DeviceInfo device)
    {
        this.auth = auth;
        this.tokens = tokens;
        Device = device;
    }

    public DeviceInfo Device { get; }

    /// <summary>Where the user signs in at the provider (open it in a browser).</summary>
    public Uri AuthorizationUrl { get; private set; } = null!;

    /// <summary>The state the code must come back with.</summary>
    public string State { get; private set; } = null!;

    /// <summary>Set after <see cref="CompleteAsync"/> answered <c>auth.oidc_identity_not_linked</c>: register or link with it.</summary>
    public string? IdentityTicket { get; private set; }

    /// <summary>The address the provider reported for an unlinked identity (for display only).</summary>
    public string? IdentityEmail { get; private set; }

    public bool NeedsSecondFactor => mfaTicket is not null;

    internal async Task StartAsync(string provider, string redirectUri, CancellationToken cancellationToken)
    {
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var started = await auth.StartOidcAsync(new StartOidcRequest(provider, redirectUri, challenge, Device), cancellationToken);
        (AuthorizationUrl, State) = (started.AuthorizationUrl, started.State);
    }

    /// <summary>
    /// Sends the code (and the state it came with, which must be this sign-in's) to the server. Throws
    /// <c>auth.mfa_required</c> (continue with <see cref="CompleteWithSecondFactorAsync"/>) or
    /// <c>auth.oidc_identity_not_linked</c> (<see cref="IdentityTicket"/> is then set).
    /// </summary>
    public async Task CompleteAsync(string code, string state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state ?? ""), Encoding.UTF8.GetBytes(State)))
            throw new InvalidOperationException("The browser came back with another sign-in's state; start again.");
        try
        {
            session = await auth.CompleteOidcAsync(new CompleteOidcRequest(State, code, verifier), cancellationToken);
        }
        catch (PmApiException challenge) when (challenge.Code == ProblemCodes.MfaRequired)
        {
            mfaTicket = Detail(challenge, "mfaTicket");
            throw;
        }
        catch (PmApiException unlinked) when (unlinked.Code == ProblemCodes.OidcIdentityNotLinked)
        {
            IdentityTicket = Detail(unlinked, "identityTicket");
            IdentityEmail = Detail(unlinked, "email");
            throw;
        }
    }

    public async Task CompleteWithSecondFactorAsync(SecondFactor factor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factor);
        var ticket = mfaTicket ?? throw new InvalidOperationException("The server has not asked for a second factor; call CompleteAsync first.");
        session = await auth.LoginMfaAsync(new LoginMfaRequest(ticket, Device.Id, factor.Code, factor.RecoveryCode), cancellationToken);
        mfaTicket = null;
    }

    /// <summary>Derives the master key (KDF parameters checked), opens the keys, checks the bundle and stores the session.</summary>
    public async Task<UnlockedAccount> UnlockAsync(ReadOnlyMemory<char> password, CancellationToken cancellationToken = default)
    {
        var response = session ?? throw new InvalidOperationException("Complete the sign-in first.");
        var material = response.Account;
        var masterKey = await Task.Run(() => MasterKey.Derive(password.Span, material.KdfSalt, material.Kdf), cancellationToken);
        using var attempt = new LoginAttempt(auth, tokens, material.Username, masterKey);
        return await attempt.AcceptAsync(response, cancellationToken);
    }

    private static string? Detail(PmApiException problem, string name) =>
        problem.Details is { ValueKind: JsonValueKind.Object } details
        && details.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
