using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// The part every sign-in without the password shares (mailed link, OpenID Connect): the server's answer, the second
/// factor it may ask for, and the unlock, which needs the master password as every login does.
/// </summary>
internal sealed class PendingSignIn(AuthApi auth, SessionTokenManager tokens, DeviceInfo device)
{
    private LoginResponse? session;
    private string? mfaTicket;

    public bool NeedsSecondFactor => mfaTicket is not null;

    /// <summary>Keeps the session the server answers, or the MFA ticket of its <c>auth.mfa_required</c> (rethrown).</summary>
    public async Task AcceptAsync(Task<LoginResponse> answer)
    {
        try
        {
            session = await answer;
        }
        catch (PmApiException challenge) when (challenge.Code == ProblemCodes.MfaRequired)
        {
            mfaTicket = challenge.DetailText("mfaTicket");
            throw;
        }
    }

    public async Task CompleteWithSecondFactorAsync(SecondFactor factor, string firstStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factor);
        var ticket = mfaTicket ?? throw new InvalidOperationException($"The server has not asked for a second factor; call {firstStep} first.");
        session = await auth.LoginMfaAsync(new LoginMfaRequest(ticket, device.Id, factor.Code, factor.RecoveryCode), cancellationToken);
        mfaTicket = null;
    }

    /// <summary>Derives the master key (KDF parameters checked), opens the keys, checks the bundle and stores the session.</summary>
    public async Task<UnlockedAccount> UnlockAsync(ReadOnlyMemory<char> password, string firstStep, CancellationToken cancellationToken)
    {
        var response = session ?? throw new InvalidOperationException($"Call {firstStep} first.");
        var material = response.Account;
        var masterKey = await Task.Run(() => MasterKey.Derive(password.Span, material.KdfSalt, material.Kdf), cancellationToken);
        using var attempt = new LoginAttempt(auth, tokens, material.Username, masterKey);
        return await attempt.AcceptAsync(response, cancellationToken);
    }
}
