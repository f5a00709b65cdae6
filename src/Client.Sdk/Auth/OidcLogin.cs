using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
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
    private readonly PendingSignIn pending;
    private readonly string verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    internal OidcLogin(AuthApi auth, SessionTokenManager tokens, DeviceInfo device)
    {
        this.auth = auth;
        pending = new PendingSignIn(auth, tokens, device);
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

    public bool NeedsSecondFactor => pending.NeedsSecondFactor;

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
            await pending.AcceptAsync(auth.CompleteOidcAsync(new CompleteOidcRequest(State, code, verifier), cancellationToken));
        }
        catch (PmApiException unlinked) when (unlinked.Code == ProblemCodes.OidcIdentityNotLinked)
        {
            IdentityTicket = unlinked.DetailText("identityTicket");
            IdentityEmail = unlinked.DetailText("email");
            throw;
        }
    }

    public Task CompleteWithSecondFactorAsync(SecondFactor factor, CancellationToken cancellationToken = default) =>
        pending.CompleteWithSecondFactorAsync(factor, nameof(CompleteAsync), cancellationToken);

    /// <summary>Derives the master key (KDF parameters checked), opens the keys, checks the bundle and stores the session.</summary>
    public Task<UnlockedAccount> UnlockAsync(ReadOnlyMemory<char> password, CancellationToken cancellationToken = default) =>
        pending.UnlockAsync(password, nameof(CompleteAsync), cancellationToken);
}
