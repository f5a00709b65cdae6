using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Oidc;

/// <summary>A sign-in a device started: what the server answered, and the verifier only that device holds.</summary>
internal sealed record StartedOidc(Uri AuthorizationUrl, string State, string Verifier, string RedirectUri, Guid DeviceId)
{
    public string Nonce => QueryValue(AuthorizationUrl, "nonce");

    public static string QueryValue(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).Single();
}

/// <summary>Drives the authorization code flow against the real oidc-provider (deploy/oidc-test-provider.mjs) over HTTP.</summary>
internal static partial class TestOidc
{
    public const string Provider = "test";
    public const string RelayProvider = "relay";
    public const string RogueProvider = "rogue";
    public const string StartPath = "/api/v1/auth/oidc/start";
    public const string CompletePath = "/api/v1/auth/oidc/complete";

    public static string Issuer => Environment.GetEnvironmentVariable("PM_TEST_OIDC_ISSUER") is { Length: > 0 } issuer
        ? issuer
        : throw new InvalidOperationException("PM_TEST_OIDC_ISSUER is not set. Run the tests through ./deploy/test.sh, which starts oidc-provider.");

    /// <summary>The providers the test server knows: the real test issuer (by loopback and by form_post relay) and the rogue one.</summary>
    public static IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Oidc:Providers:test:Issuer"] = Issuer,
        ["Auth:Oidc:Providers:test:ClientId"] = "pm-native",
        ["Auth:Oidc:Providers:test:ClientSecret"] = "pm-native-secret",
        ["Auth:Oidc:Providers:test:RequireHttps"] = "false",
        ["Auth:Oidc:Providers:relay:Issuer"] = Issuer,
        ["Auth:Oidc:Providers:relay:ClientId"] = "pm-relay",
        ["Auth:Oidc:Providers:relay:ClientSecret"] = "pm-relay-secret",
        ["Auth:Oidc:Providers:relay:FormPost"] = "true",
        ["Auth:Oidc:Providers:relay:RequireHttps"] = "false",
        ["Auth:Oidc:Providers:rogue:Issuer"] = RogueIssuer.Shared.Url,
        ["Auth:Oidc:Providers:rogue:ClientId"] = RogueIssuer.ClientId,
        ["Auth:Oidc:Providers:rogue:ClientSecret"] = "rogue-secret",
        ["Auth:Oidc:Providers:rogue:RequireHttps"] = "false",
    };

    public static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string ChallengeOf(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string UniqueAccount(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    public static async Task<StartedOidc> StartAsync(string provider = Provider, Guid? deviceId = null)
    {
        var verifier = NewVerifier();
        var redirect = $"http://127.0.0.1:{RandomNumberGenerator.GetInt32(20000, 60000)}/callback";
        var device = deviceId ?? Guid.NewGuid();
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync(StartPath, new
        {
            provider,
            redirectUri = redirect,
            verifierChallenge = ChallengeOf(verifier),
            device = new { id = device, name = "oidc test device", type = "cli" },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        return new StartedOidc(new Uri(body.GetProperty("authorizationUrl").GetString()!), body.GetProperty("state").GetString()!, verifier, redirect, device);
    }

    /// <summary>
    /// Opens the authorization URL as a browser would (fresh cookies), signs in as <paramref name="account"/> at the
    /// provider and returns where the provider sends the browser back: the device's loopback address with the code.
    /// </summary>
    public static async Task<Uri> AuthorizeAsync(StartedOidc started, string account)
    {
        using var browser = Browser();
        var next = started.AuthorizationUrl;
        for (var hop = 0; hop < 15; hop++)
        {
            using var response = await browser.GetAsync(next);
            if (response.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect or HttpStatusCode.TemporaryRedirect))
                Assert.Fail($"The provider answered {(int)response.StatusCode} at {next}: {await response.Content.ReadAsStringAsync()}");
            var location = new Uri(next, response.Headers.Location!);
            if (location.AbsoluteUri.StartsWith(started.RedirectUri, StringComparison.Ordinal)) return location;
            next = location.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal) && string.IsNullOrEmpty(location.Query)
                ? new Uri(location, $"?account={Uri.EscapeDataString(account)}")
                : location;
        }

        Assert.Fail("The provider never redirected back.");
        return null!;
    }

    /// <summary>For a form_post provider: the fields of the self-submitting form the provider answers with.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> AuthorizeByFormPostAsync(StartedOidc started, string account)
    {
        using var browser = Browser();
        var next = started.AuthorizationUrl;
        for (var hop = 0; hop < 15; hop++)
        {
            using var response = await browser.GetAsync(next);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var html = await response.Content.ReadAsStringAsync();
                var fields = HiddenInput().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
                if (fields.ContainsKey("code")) return fields;
                Assert.Fail($"The provider answered a page without a code at {next}: {html}");
            }

            var location = new Uri(next, response.Headers.Location!);
            next = location.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal) && string.IsNullOrEmpty(location.Query)
                ? new Uri(location, $"?account={Uri.EscapeDataString(account)}")
                : location;
        }

        Assert.Fail("The provider never answered with a form.");
        return null!;
    }

    public static string CodeOf(Uri callback) => StartedOidc.QueryValue(callback, "code");

    public static async Task<HttpResponseMessage> CompleteAsync(StartedOidc started, string code, string? verifier = null, string? state = null)
    {
        using var client = TestApp.CreateClient();
        return await client.PostAsJsonAsync(CompletePath, new { state = state ?? started.State, code, verifier = verifier ?? started.Verifier });
    }

    /// <summary>The whole flow at the real provider for <paramref name="account"/>, up to the server's answer.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(string account, Guid? deviceId = null)
    {
        var started = await StartAsync(deviceId: deviceId);
        var callback = await AuthorizeAsync(started, account);
        return await CompleteAsync(started, CodeOf(callback));
    }

    /// <summary>Signs in as a fresh identity at the provider and returns the identity ticket the server answers with.</summary>
    public static async Task<string> IdentityTicketAsync(string account)
    {
        using var response = await SignInAsync(account);
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_identity_not_linked");
        return problem.GetProperty("details").GetProperty("identityTicket").GetString()!;
    }

    private static HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true });

    [GeneratedRegex("<input[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
