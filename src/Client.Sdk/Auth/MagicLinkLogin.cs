using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// A sign-in by mailed link, on the device that asked for it: this object holds the PKCE verifier whose S256 challenge
/// went with the request, so only this device can redeem the token. Redeeming gives a session and the wrapped keys;
/// <see cref="UnlockAsync"/> then needs the master password, as every login does.
/// </summary>
public sealed class MagicLinkLogin
{
    private readonly AuthApi auth;
    private readonly PendingSignIn pending;
    private readonly string verifier;

    internal MagicLinkLogin(AuthApi auth, SessionTokenManager tokens, DeviceInfo device, string? verifier = null)
    {
        this.auth = auth;
        pending = new PendingSignIn(auth, tokens, device);
        Device = device;
        this.verifier = verifier ?? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
    }

    public DeviceInfo Device { get; }

    /// <summary>The device-held secret; a client that finishes the sign-in in a later process keeps it on the device only.</summary>
    public string Verifier => verifier;

    /// <summary>BASE64URL(SHA-256(verifier)), sent with the request.</summary>
    public string VerifierChallenge => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    internal Task RequestAsync(string email, CancellationToken cancellationToken) =>
        auth.RequestMagicLinkAsync(new MagicLinkRequest(email, VerifierChallenge, Device), cancellationToken);

    /// <summary>True after <see cref="RedeemAsync"/> answered <c>auth.mfa_required</c> with a ticket.</summary>
    public bool NeedsSecondFactor => pending.NeedsSecondFactor;

    /// <summary>
    /// Spends the mailed token (pasted by the user, or taken from the link's <c>#token=</c> fragment). With MFA on this
    /// throws <c>auth.mfa_required</c>: continue with <see cref="RedeemWithSecondFactorAsync"/>.
    /// </summary>
    public Task RedeemAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return pending.AcceptAsync(auth.RedeemMagicLinkAsync(new RedeemMagicLinkRequest(TokenOf(token), verifier), cancellationToken));
    }

    public Task RedeemWithSecondFactorAsync(SecondFactor factor, CancellationToken cancellationToken = default) =>
        pending.CompleteWithSecondFactorAsync(factor, nameof(RedeemAsync), cancellationToken);

    /// <summary>
    /// Derives the master key with the account's KDF parameters (checked against the client's bounds), opens the keys,
    /// checks the published bundle and stores the session. A wrong password ends the session: ask for a new link.
    /// </summary>
    public Task<UnlockedAccount> UnlockAsync(ReadOnlyMemory<char> password, CancellationToken cancellationToken = default) =>
        pending.UnlockAsync(password, nameof(RedeemAsync), cancellationToken);

    /// <summary>Accepts the bare token or a whole link whose fragment or query carries <c>token=</c>.</summary>
    private static string TokenOf(string input)
    {
        var trimmed = input.Trim();
        var at = trimmed.IndexOf("token=", StringComparison.Ordinal);
        if (at < 0) return trimmed;
        var value = trimmed[(at + "token=".Length)..];
        var end = value.IndexOfAny(['&', '#']);
        return Uri.UnescapeDataString(end < 0 ? value : value[..end]);
    }
}
