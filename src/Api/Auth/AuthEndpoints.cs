using PasswordManager.Api.Auth.Accounts.ChangeEmail;
using PasswordManager.Api.Auth.Accounts.ChangeMasterPassword;
using PasswordManager.Api.Auth.Accounts.DeleteAccount;
using PasswordManager.Api.Auth.Accounts.GetCurrentAccount;
using PasswordManager.Api.Auth.Accounts.Prelogin;
using PasswordManager.Api.Auth.Accounts.Register;
using PasswordManager.Api.Auth.Accounts.RequestPasswordHint;
using PasswordManager.Api.Auth.Accounts.RotateKeys;
using PasswordManager.Api.Auth.Accounts.SetPasswordHint;
using PasswordManager.Api.Auth.Accounts.VerifyEmail;
using PasswordManager.Api.Auth.Administration;
using PasswordManager.Api.Auth.ApiKeys.CreateApiKey;
using PasswordManager.Api.Auth.ApiKeys.ListApiKeys;
using PasswordManager.Api.Auth.ApiKeys.RevokeApiKey;
using PasswordManager.Api.Auth.Directory.GetPublicKeyBundle;
using PasswordManager.Api.Auth.Directory.GetPublicKeyBundleById;
using PasswordManager.Api.Auth.Mfa.ConfirmTotp;
using PasswordManager.Api.Auth.Mfa.DisableMfa;
using PasswordManager.Api.Auth.Mfa.EnrolTotp;
using PasswordManager.Api.Auth.Mfa.GetMfaStatus;
using PasswordManager.Api.Auth.Mfa.RegenerateRecoveryCodes;
using PasswordManager.Api.Auth.Oidc.CompleteOidcSignIn;
using PasswordManager.Api.Auth.Oidc.LinkOidcIdentity;
using PasswordManager.Api.Auth.Oidc.ListOidcIdentities;
using PasswordManager.Api.Auth.Oidc.ListOidcProviders;
using PasswordManager.Api.Auth.Oidc.RelayOidcResponse;
using PasswordManager.Api.Auth.Oidc.StartOidcSignIn;
using PasswordManager.Api.Auth.Oidc.UnlinkOidcIdentity;
using PasswordManager.Api.Auth.SecurityEvents.ListSecurityEvents;
using PasswordManager.Api.Auth.Sessions.GetCurrentSession;
using PasswordManager.Api.Auth.Sessions.ListSessions;
using PasswordManager.Api.Auth.Sessions.Login;
using PasswordManager.Api.Auth.Sessions.LoginMfa;
using PasswordManager.Api.Auth.Sessions.Logout;
using PasswordManager.Api.Auth.Sessions.RedeemMagicLink;
using PasswordManager.Api.Auth.Sessions.RefreshSession;
using PasswordManager.Api.Auth.Sessions.RequestMagicLink;
using PasswordManager.Api.Auth.Sessions.RevokeOtherSessions;
using PasswordManager.Api.Auth.Sessions.RevokeSession;
using PasswordManager.Api.Auth.Tenants.CreateInvitation;
using PasswordManager.Api.Common.Security;
using PasswordManager.Application.Contracts.Auth;

namespace PasswordManager.Api.Auth;

internal static class AuthEndpoints
{
    /// <summary>Credential endpoints take small JSON bodies only.</summary>
    private const long CredentialBodyLimit = 16 * 1024;

    /// <summary>A key rotation carries one re-sealed or re-signed access record per membership (about 400 bytes each).</summary>
    private const long KeyRotationBodyLimit = 8 * 1024 * 1024;

    internal static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup("/api/v1/auth")
            .WithTags("Auth")
            .AllowAnonymous()
            .RequireRateLimiting(Policies.CredentialRateLimit)
            .WithRequestSizeLimit(CredentialBodyLimit);
        anonymous.MapPrelogin();
        anonymous.MapRegister();
        anonymous.MapLogin();
        anonymous.MapLoginMfa();
        anonymous.MapVerifyEmail();
        anonymous.MapRequestPasswordHint();
        anonymous.MapRequestMagicLink();
        anonymous.MapRedeemMagicLink();
        anonymous.MapListOidcProviders();
        anonymous.MapStartOidcSignIn();
        anonymous.MapCompleteOidcSignIn();
        anonymous.MapRelayOidcResponse();

        // Refresh is limited per refresh token inside the endpoint, not by the per-address guessing budget.
        app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous().WithRequestSizeLimit(CredentialBodyLimit).MapRefreshSession();

        var authenticated = app.MapGroup("/api/v1/auth").WithTags("Auth").RequireAuthorization().WithRequestSizeLimit(CredentialBodyLimit);
        authenticated.MapGetCurrentAccount();
        authenticated.MapChangeMasterPassword().RequireRateLimiting(Policies.CredentialRateLimit);
        authenticated.MapPasswordHint();
        authenticated.MapChangeEmail().RequireRateLimiting(Policies.CredentialRateLimit);
        authenticated.MapDeleteAccount().RequireRateLimiting(Policies.CredentialRateLimit);
        authenticated.MapRotateKeys().RequireRateLimiting(Policies.CredentialRateLimit).WithMetadata(new RequestSizeLimitMetadata(KeyRotationBodyLimit));
        authenticated.MapGetCurrentSession();
        authenticated.MapLogout();
        authenticated.MapListSessions();
        authenticated.MapRevokeSession();
        authenticated.MapRevokeOtherSessions();
        authenticated.MapCreateApiKey();
        authenticated.MapListApiKeys();
        authenticated.MapRevokeApiKey();
        authenticated.MapGetMfaStatus();
        authenticated.MapEnrolTotp();
        authenticated.MapConfirmTotp();
        authenticated.MapDisableMfa();
        authenticated.MapRegenerateRecoveryCodes();
        authenticated.MapListSecurityEvents();
        authenticated.MapLinkOidcIdentity().RequireRateLimiting(Policies.CredentialRateLimit);
        authenticated.MapListOidcIdentities();
        authenticated.MapUnlinkOidcIdentity();

        var directory = app.MapGroup("/api/v1/directory").WithTags("Directory").RequireAuthorization();
        directory.MapGetPublicKeyBundle();
        directory.MapGetPublicKeyBundleById();

        var tenantAdmin = app.MapGroup("/api/v1/tenant").WithTags("Tenant").RequireAuthorization(Policies.TenantAdmin).WithRequestSizeLimit(CredentialBodyLimit);
        tenantAdmin.MapCreateInvitation().AllowApiKey(ApiKeyScope.UserManagement);

        app.MapAdministration();
        return app;
    }

    private static RouteGroupBuilder WithRequestSizeLimit(this RouteGroupBuilder group, long bytes) =>
        group.WithMetadata(new RequestSizeLimitMetadata(bytes));
}
