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
