using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Http;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// The Auth endpoints as typed calls, one method per route, no cryptography. Crypto-aware flows
/// (register, login with unlock) are in <see cref="AccountOperations"/>.
/// </summary>
public sealed class AuthApi
{
    internal const string RefreshPath = "api/v1/auth/refresh";
    private const string basePath = "api/v1/auth";

    private readonly ApiConnection connection;

    internal AuthApi(ApiConnection connection)
    {
        this.connection = connection;
    }

    public Task<PreloginResponse> PreloginAsync(PreloginRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync<PreloginResponse>(HttpMethod.Post, $"{basePath}/prelogin", request, cancellationToken);

    public Task<RegisterResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync<RegisterResponse>(HttpMethod.Post, $"{basePath}/register", request, cancellationToken);

    /// <summary>Starts a session but does not store its tokens; <see cref="AccountOperations.LoginAsync"/> does, after verifying the keys.</summary>
    public Task<LoginResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync<LoginResponse>(HttpMethod.Post, $"{basePath}/login", request, cancellationToken);

    /// <summary>The second step after <c>auth.mfa_required</c>; like <see cref="LoginAsync"/>, it does not store the tokens.</summary>
    public Task<LoginResponse> LoginMfaAsync(LoginMfaRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync<LoginResponse>(HttpMethod.Post, $"{basePath}/login/mfa", request, cancellationToken);

    /// <summary>Confirms the account's email address with the code from the verification mail (no session needed).</summary>
    public Task VerifyEmailAsync(VerifyEmailRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync(HttpMethod.Post, $"{basePath}/email/verify", request, cancellationToken);

    /// <summary>Sets (or with a null email removes) the caller's address; the new one gets a verification mail.</summary>
    public Task ChangeEmailAsync(ChangeEmailRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Put, $"{basePath}/account/email", request, cancellationToken);

    /// <summary>Asks the server to mail the password hint to the account's verified address; the answer is the same for every name.</summary>
    public Task RequestPasswordHintAsync(PasswordHintByEmailRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync(HttpMethod.Post, $"{basePath}/hint", request, cancellationToken);

    /// <summary>Asks for a sign-in link; the answer is the same for every address. See <see cref="MagicLinkLogin"/>.</summary>
    public Task RequestMagicLinkAsync(MagicLinkRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync(HttpMethod.Post, $"{basePath}/magic-link", request, cancellationToken);

    /// <summary>Starts a session from a mailed token; like <see cref="LoginAsync"/>, it does not store the tokens.</summary>
    public Task<LoginResponse> RedeemMagicLinkAsync(RedeemMagicLinkRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync<LoginResponse>(HttpMethod.Post, $"{basePath}/magic-link/redeem", request, cancellationToken);

    public Task<IReadOnlyList<OidcProviderInfo>> ListOidcProvidersAsync(CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync<IReadOnlyList<OidcProviderInfo>>(HttpMethod.Get, $"{basePath}/oidc/providers", body: null, cancellationToken);

    /// <summary>Starts an OpenID Connect sign-in; see <see cref="OidcLogin"/>.</summary>
    public Task<StartOidcResponse> StartOidcAsync(StartOidcRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync<StartOidcResponse>(HttpMethod.Post, $"{basePath}/oidc/start", request, cancellationToken);

    /// <summary>Starts a session from the provider's code; like <see cref="LoginAsync"/>, it does not store the tokens.</summary>
    public Task<LoginResponse> CompleteOidcAsync(CompleteOidcRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync<LoginResponse>(HttpMethod.Post, $"{basePath}/oidc/complete", request, cancellationToken);

    public Task<OidcIdentity> LinkOidcIdentityAsync(LinkOidcIdentityRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<OidcIdentity>(HttpMethod.Post, $"{basePath}/oidc/link", request, cancellationToken);

    public Task<OidcIdentityList> ListOidcIdentitiesAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<OidcIdentityList>(HttpMethod.Get, $"{basePath}/oidc/identities", body: null, cancellationToken);

    public Task UnlinkOidcIdentityAsync(Guid identityId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Delete, $"{basePath}/oidc/identities/{identityId}", body: null, cancellationToken);

    public Task<MfaStatus> GetMfaStatusAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<MfaStatus>(HttpMethod.Get, $"{basePath}/mfa", body: null, cancellationToken);

    public Task<TotpEnrolment> EnrolTotpAsync(EnrolTotpRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<TotpEnrolment>(HttpMethod.Post, $"{basePath}/mfa/totp", request, cancellationToken);

    public Task<RecoveryCodeSet> ConfirmTotpAsync(ConfirmTotpRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<RecoveryCodeSet>(HttpMethod.Post, $"{basePath}/mfa/totp/confirm", request, cancellationToken);

    public Task DisableMfaAsync(DisableMfaRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Post, $"{basePath}/mfa/disable", request, cancellationToken);

    public Task<RecoveryCodeSet> RegenerateRecoveryCodesAsync(RegenerateRecoveryCodesRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<RecoveryCodeSet>(HttpMethod.Post, $"{basePath}/mfa/recovery-codes", request, cancellationToken);

    /// <summary>The caller's security events, newest first; pass <see cref="SecurityEventPage.NextCursor"/> back for the next page.</summary>
    public Task<SecurityEventPage> ListSecurityEventsAsync(Guid? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (cursor is { } c) query.Add($"cursor={c:D}");
        if (limit is { } l) query.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"limit={l}"));
        var path = query.Count == 0 ? $"{basePath}/security-events" : $"{basePath}/security-events?{string.Join('&', query)}";
        return connection.SendAuthorizedAsync<SecurityEventPage>(HttpMethod.Get, path, body: null, cancellationToken);
    }

    public Task<RefreshResponse> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAnonymousAsync<RefreshResponse>(HttpMethod.Post, RefreshPath, request, cancellationToken);

    public Task<CurrentAccount> GetAccountAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<CurrentAccount>(HttpMethod.Get, $"{basePath}/account", body: null, cancellationToken);

    /// <summary>Swaps the master-password material (vaults untouched); the server revokes every other session.</summary>
    public Task<ChangeMasterPasswordResponse> ChangeMasterPasswordAsync(ChangeMasterPasswordRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<ChangeMasterPasswordResponse>(HttpMethod.Post, $"{basePath}/account/password", request, cancellationToken);

    public Task SetPasswordHintAsync(SetPasswordHintRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Put, $"{basePath}/account/hint", request, cancellationToken);

    public Task ClearPasswordHintAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Delete, $"{basePath}/account/hint", body: null, cancellationToken);

    /// <summary>Deletes the account; <c>auth.account_deletion_blocked</c> (409) carries <see cref="AccountDeletionBlockers"/> as its details.</summary>
    public Task<DeleteAccountResponse> DeleteAccountAsync(DeleteAccountRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<DeleteAccountResponse>(HttpMethod.Delete, $"{basePath}/account", request, cancellationToken);

    public Task<RotateKeysResponse> RotateKeysAsync(RotateKeysRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<RotateKeysResponse>(HttpMethod.Post, $"{basePath}/account/keys", request, cancellationToken);

    public Task LogoutAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Post, $"{basePath}/logout", body: null, cancellationToken);

    /// <summary>Ends a session the token store does not hold (one that failed verification right after login).</summary>
    internal Task LogoutAsync(string accessToken, CancellationToken cancellationToken) =>
        connection.SendWithTokenAsync(HttpMethod.Post, $"{basePath}/logout", accessToken, cancellationToken);

    public Task<SessionList> ListSessionsAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<SessionList>(HttpMethod.Get, $"{basePath}/sessions", body: null, cancellationToken);

    public Task RevokeSessionAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Delete, $"{basePath}/sessions/{sessionId:D}", body: null, cancellationToken);

    public Task<RevokeOtherSessionsResponse> RevokeOtherSessionsAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<RevokeOtherSessionsResponse>(HttpMethod.Post, $"{basePath}/sessions/revoke-others", body: null, cancellationToken);

    public Task<Invitation> CreateInvitationAsync(CreateInvitationRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<Invitation>(HttpMethod.Post, "api/v1/tenant/invitations", request, cancellationToken);
}
