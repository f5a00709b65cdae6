using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PasswordManager.IntegrationTests.Auth.Oidc;

/// <summary>
/// A minimal issuer whose token endpoint answers with whatever ID token a test crafted: the forged, expired or misdirected
/// tokens a real provider would never send, to prove the server checks them itself. It publishes its own key in its JWKS.
/// </summary>
internal sealed class RogueIssuer : IDisposable
{
    public const string ClientId = "pm-rogue-client";
    private static readonly Lazy<RogueIssuer> SharedInstance = new(() => new RogueIssuer());
    private readonly HttpListener listener = new();
    private volatile string? nextIdToken;

    private RogueIssuer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Url + "/");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public static RogueIssuer Shared => SharedInstance.Value;

    public string Url { get; }

    public RsaSecurityKey SigningKey { get; } = new(RSA.Create(2048)) { KeyId = "rogue-1" };

    /// <summary>The ID token the next code exchange answers with.</summary>
    public void AnswerNextExchangeWith(string idToken) => nextIdToken = idToken;

    public string Token(string nonce, string? audience = null, SecurityKey? key = null, DateTimeOffset? expires = null, string? subject = null, string? issuer = null)
    {
        var now = DateTimeOffset.UtcNow;
        var until = expires ?? now.AddMinutes(5);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Url,
            Audience = audience ?? ClientId,
            IssuedAt = (until < now ? until.AddMinutes(-10) : now).UtcDateTime,
            NotBefore = (until < now ? until.AddMinutes(-10) : now).UtcDateTime,
            Expires = until.UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = subject ?? "rogue-subject", ["nonce"] = nonce, ["email"] = "rogue@idp.test" },
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            var body = path switch
            {
                "/.well-known/openid-configuration" => JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = Url,
                    ["authorization_endpoint"] = Url + "/auth",
                    ["token_endpoint"] = Url + "/token",
                    ["jwks_uri"] = Url + "/jwks",
                    ["response_types_supported"] = new[] { "code" },
                    ["subject_types_supported"] = new[] { "public" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                }),
                "/jwks" => Jwks(),
                "/token" => JsonSerializer.Serialize(new { id_token = nextIdToken, access_token = "rogue", token_type = "Bearer" }),
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private string Jwks()
    {
        var parameters = SigningKey.Rsa.ExportParameters(false);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = SigningKey.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return JsonSerializer.Serialize(new { keys = new[] { key } });
    }

    public void Dispose()
    {
        listener.Close();
        SigningKey.Rsa.Dispose();
    }
}
