using PasswordManager.Application.Auth.Email;

namespace PasswordManager.Application.Auth.Oidc;

/// <summary>
/// Where codes come back. Native devices listen on a loopback address (RFC 8252 §7.3); a provider that only posts its
/// answer to a registered https address (Apple's <c>form_post</c>) posts it to the server's callback, which redirects the
/// browser to the device's loopback address with the same code and state.
/// </summary>
public sealed class OidcRelay(AccountMailOptions server)
{
    public const string CallbackPath = "/api/v1/auth/oidc/callback";

    public string CallbackUri => server.PublicBaseUrl.TrimEnd('/') + CallbackPath;

    public static bool IsLoopbackRedirect(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Scheme == Uri.UriSchemeHttp
        && parsed.Host is "127.0.0.1" or "[::1]"
        && !parsed.IsDefaultPort
        && string.IsNullOrEmpty(parsed.UserInfo)
        && string.IsNullOrEmpty(parsed.Query)
        && string.IsNullOrEmpty(parsed.Fragment)
        && parsed.OriginalString.All(c => c > ' ' && c < 0x7f);

    /// <summary>The device's loopback address with the provider's answer appended as query parameters.</summary>
    public static Uri ToDevice(string clientRedirectUri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return new Uri($"{clientRedirectUri}?{query}");
    }
}
