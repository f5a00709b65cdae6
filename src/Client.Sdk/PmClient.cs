using System.Net.Http.Headers;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Admin;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Billing;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Sharing;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Sdk;

/// <summary>
/// Entry point of the SDK. Each API module has a typed endpoint class (<see cref="Auth"/>) and, where
/// cryptography or local state is involved, a high-level operations class (<see cref="Account"/>).
/// Thread-safe; access tokens are refreshed automatically and single-flight.
/// </summary>
public sealed class PmClient : IDisposable
{
    private readonly HttpClient http;
    private readonly SessionTokenManager tokens;

    public PmClient(PmClientOptions options, ITokenStore tokenStore, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenStore);
        http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = WithTrailingSlash(options.BaseAddress);
        http.Timeout = options.RequestTimeout;
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("PasswordManager.Client.Sdk", typeof(PmClient).Assembly.GetName().Version?.ToString(3)));

        var transport = new ApiTransport(http, options);
        tokens = new SessionTokenManager(
            tokenStore,
            options,
            async (refreshToken, ct) =>
            {
                var refreshed = await transport.SendAsync<RefreshResponse>(HttpMethod.Post, AuthApi.RefreshPath, new RefreshRequest(refreshToken), accessToken: null, ct);
                return new SessionTokens(refreshed.SessionId, refreshed.RefreshToken, refreshed.AccessToken, refreshed.AccessTokenExpiresAt);
            });
        var connection = new ApiConnection(transport, tokens);
        Auth = new AuthApi(connection);
        Account = new AccountOperations(Auth, tokens);
        ApiKeys = new ApiKeysApi(connection);
        Billing = new BillingApi(connection);
        Vaults = new VaultApi(connection);
        Sharing = new SharingApi(connection);
        Directory = new KeyDirectoryApi(connection);
        Attachments = new AttachmentApi(connection);
        Admin = new AdminApi(connection);
    }

    public AuthApi Auth { get; }

    public AccountOperations Account { get; }

    public ApiKeysApi ApiKeys { get; }

    public BillingApi Billing { get; }

    public VaultApi Vaults { get; }

    public AttachmentApi Attachments { get; }

    public SharingApi Sharing { get; }

    /// <summary>The public key directory (unverified answers: <see cref="TrustedKeys"/> checks and pins them).</summary>
    public KeyDirectoryApi Directory { get; }

    /// <summary>Administration of users, invitations and tenants (tenant admins and instance administrators).</summary>
    public AdminApi Admin { get; }

    /// <summary>
    /// Vault and entry operations with the unlocked <paramref name="keys"/> (which the caller keeps and disposes).
    /// Vaults shared by others open once their records verify against bundles pinned in <paramref name="pins"/>
    /// (in memory when null: trust on first use for this process only).
    /// </summary>
    public VaultOperations OpenVaults(AccountKeys keys, IPinnedKeyStore? pins = null, string? username = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new(Vaults, keys, new TrustedKeys(Directory, keys.PublicBundle, pins ?? new InMemoryPinnedKeyStore(), username));
    }

    /// <summary>
    /// Sharing operations over <paramref name="vaults"/> (same keys, same pins); <paramref name="pendingRekeys"/> keeps a
    /// staged re-key's new key between runs so it can resume (in memory when null).
    /// </summary>
    public SharingOperations OpenSharing(VaultOperations vaults, IPendingRekeyStore? pendingRekeys = null) => new(Sharing, Vaults, Attachments, vaults, pendingRekeys);

    /// <summary>Encrypted attachments, with the vault keys of <paramref name="vaults"/>.</summary>
    public AttachmentOperations OpenAttachments(VaultOperations vaults) => new(Attachments, vaults);

    public void Dispose()
    {
        http.Dispose();
        tokens.Dispose();
    }

    private static Uri WithTrailingSlash(Uri baseAddress) =>
        baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
}
