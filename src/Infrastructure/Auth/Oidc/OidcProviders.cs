using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PasswordManager.Application.Auth;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Oidc;

/// <summary>
/// The configured providers, each found by discovery (<c>/.well-known/openid-configuration</c> and its JWKS, cached and
/// refreshed by <see cref="ConfigurationManager{T}"/>). The server exchanges codes itself and trusts an ID token only
/// after checking its signature, issuer, audience, lifetime and nonce.
/// </summary>
internal sealed class OidcProviders : IOidcProviders, IDisposable
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Configured> providers;
    private readonly HttpClient http;
    private readonly TimeProvider clock;
    private readonly ILogger<OidcProviders> logger;
    private readonly JsonWebTokenHandler tokens = new() { MapInboundClaims = false };

    public OidcProviders(IReadOnlyDictionary<string, OidcProviderOptions> options, TimeProvider clock, ILogger<OidcProviders> logger)
    {
        this.clock = clock;
        this.logger = logger;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(15) };
        providers = options.ToDictionary(
            o => o.Key, o => Configure(o.Key, o.Value), StringComparer.OrdinalIgnoreCase);
        All = [.. providers.Values.Select(p => p.Provider).OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<OidcProvider> All { get; }

    public OidcProvider? Find(string nameOrIssuer)
    {
        if (providers.TryGetValue(nameOrIssuer, out var named)) return named.Provider;
        var issuer = nameOrIssuer.TrimEnd('/');
        return providers.Values.FirstOrDefault(p => string.Equals(p.Provider.Issuer.TrimEnd('/'), issuer, StringComparison.Ordinal))?.Provider;
    }

    public async Task<Uri> AuthorizationUrlAsync(OidcProvider provider, OidcAuthorizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(request);
        var configured = providers[provider.Name];
        var discovery = await configured.Discovery.GetConfigurationAsync(cancellationToken);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", configured.Options.ClientId),
            new("redirect_uri", request.RedirectUri),
            new("scope", configured.Options.Scopes),
            new("state", request.State),
            new("nonce", request.Nonce),
            new("code_challenge", request.CodeChallenge),
            new("code_challenge_method", "S256"),
        };
        if (provider.FormPost) parameters.Add(new("response_mode", "form_post"));
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var endpoint = discovery.AuthorizationEndpoint;
        return new Uri(endpoint + (endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
    }

    public async Task<Result<VerifiedOidcIdentity>> RedeemAsync(OidcProvider provider, OidcCodeRedemption redemption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(redemption);
        var configured = providers[provider.Name];
        var discovery = await configured.Discovery.GetConfigurationAsync(cancellationToken);
        var idToken = await ExchangeCodeAsync(configured, discovery, redemption, cancellationToken);
        if (idToken is null) return new OidcSignInInvalid();

        var validated = await tokens.ValidateTokenAsync(idToken, Parameters(configured, discovery));
        if (!validated.IsValid && validated.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider may have rotated its keys since the JWKS was cached.
            configured.Discovery.RequestRefresh();
            discovery = await configured.Discovery.GetConfigurationAsync(cancellationToken);
            validated = await tokens.ValidateTokenAsync(idToken, Parameters(configured, discovery));
        }

        if (!validated.IsValid)
        {
            logger.LogWarning("OIDC ID token from {Provider} refused: {Reason}", provider.Name, validated.Exception?.GetType().Name);
            return new OidcSignInInvalid();
        }

        var token = (JsonWebToken)validated.SecurityToken;
        if (!token.TryGetPayloadValue<string>("nonce", out var nonce)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(redemption.Nonce)))
        {
            logger.LogWarning("OIDC ID token from {Provider} refused: nonce mismatch", provider.Name);
            return new OidcSignInInvalid();
        }

        var audiences = token.Audiences.ToList();
        if (audiences.Count > 1 && (!token.TryGetPayloadValue<string>("azp", out var azp) || azp != configured.Options.ClientId))
        {
            logger.LogWarning("OIDC ID token from {Provider} refused: several audiences and another authorized party", provider.Name);
            return new OidcSignInInvalid();
        }

        if (string.IsNullOrEmpty(token.Subject) || token.Subject.Length > 255)
        {
            logger.LogWarning("OIDC ID token from {Provider} refused: no usable subject", provider.Name);
            return new OidcSignInInvalid();
        }

        var email = token.TryGetPayloadValue<string>("email", out var address) && address.Length <= 320 ? address : null;
        return new VerifiedOidcIdentity(token.Issuer, token.Subject, email);
    }

    private async Task<string?> ExchangeCodeAsync(
        Configured configured, OpenIdConnectConfiguration discovery, OidcCodeRedemption redemption, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = redemption.Code,
            ["redirect_uri"] = redemption.RedirectUri,
            ["code_verifier"] = redemption.CodeVerifier,
            ["client_id"] = configured.Options.ClientId,
        };
        if (ClientSecret(configured) is { } secret) form["client_secret"] = secret;

        using var response = await http.PostAsync(new Uri(discovery.TokenEndpoint), new FormUrlEncodedContent(form), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ErrorCodeAsync(response, cancellationToken);
            logger.LogWarning("OIDC code exchange at {Provider} refused: {Status} {Error}", configured.Provider.Name, (int)response.StatusCode, error);
            return null;
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id_token", out var idToken) && idToken.ValueKind == JsonValueKind.String)
            return idToken.GetString();
        logger.LogWarning("OIDC code exchange at {Provider} answered without an ID token", configured.Provider.Name);
        return null;
    }

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? new string([.. error.GetString()!.Where(c => c is >= ' ' and <= '~').Take(64)])
                : "-";
        }
        catch (JsonException)
        {
            return "-";
        }
    }

    private string? ClientSecret(Configured configured)
    {
        var options = configured.Options;
        if (options.Preset != OidcPreset.Apple) return options.ClientSecret;
        return AppleClientSecret.Create(options.Apple.TeamId!, options.Apple.KeyId!, configured.ApplePrivateKey!, options.ClientId, clock.GetUtcNow());
    }

    private TokenValidationParameters Parameters(Configured configured, OpenIdConnectConfiguration discovery) => new()
    {
        ValidIssuer = configured.Provider.Issuer,
        ValidAudience = configured.Options.ClientId,
        IssuerSigningKeys = discovery.SigningKeys,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
            SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512],
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } until && now < until + ClockSkew && (notBefore is not { } from || from - ClockSkew <= now);
        },
    };

    private Configured Configure(string name, OidcProviderOptions options)
    {
        var (issuer, formPost, display) = options.Preset switch
        {
            OidcPreset.Google => (options.Issuer ?? "https://accounts.google.com", options.FormPost ?? false, options.DisplayName ?? "Google"),
            OidcPreset.Apple => (options.Issuer ?? "https://appleid.apple.com", options.FormPost ?? true, options.DisplayName ?? "Apple"),
            _ => (options.Issuer, options.FormPost ?? false, options.DisplayName ?? name),
        };
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || (options.RequireHttps && issuerUri.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOperationException($"Auth:Oidc:Providers:{name}:Issuer must be an absolute https URL.");
        if (string.IsNullOrWhiteSpace(options.ClientId))
            throw new InvalidOperationException($"Auth:Oidc:Providers:{name}:ClientId is required.");

        string? applePrivateKey = null;
        if (options.Preset == OidcPreset.Apple)
        {
            applePrivateKey = options.Apple.PrivateKey
                ?? (options.Apple.PrivateKeyFile is { } file ? File.ReadAllText(file) : null);
            if (string.IsNullOrWhiteSpace(options.Apple.TeamId) || string.IsNullOrWhiteSpace(options.Apple.KeyId) || string.IsNullOrWhiteSpace(applePrivateKey))
                throw new InvalidOperationException($"Auth:Oidc:Providers:{name}:Apple needs TeamId, KeyId and PrivateKey (or PrivateKeyFile).");
        }

        var discovery = new ConfigurationManager<OpenIdConnectConfiguration>(
            issuer!.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http) { RequireHttps = options.RequireHttps });
        return new Configured(new OidcProvider(name, display, issuer!, formPost), options, discovery, applePrivateKey);
    }

    public void Dispose() => http.Dispose();

    private sealed record Configured(
        OidcProvider Provider, OidcProviderOptions Options, ConfigurationManager<OpenIdConnectConfiguration> Discovery, string? ApplePrivateKey);
}
