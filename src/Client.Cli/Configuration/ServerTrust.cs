using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using PasswordManager.Client.Cli.Errors;

namespace PasswordManager.Client.Cli.Configuration;

/// <summary>
/// How pm trusts the server's connection (ADR-0024). Plain <c>http://</c> is accepted only for a loopback address,
/// or with <c>--insecure</c>. A CA given with <c>pm config server URL --ca FILE</c> is pinned for that server: its
/// certificate must chain to that CA alone (the system store is not consulted for it) and name the host. Other hosts
/// pm reaches (presigned blob-store URLs) are checked against the system store as usual.
/// </summary>
internal static class ServerTrust
{
    public static void EnsureAllowed(Uri server, bool insecure)
    {
        if (server.Scheme == Uri.UriSchemeHttp && !server.IsLoopback && !insecure)
        {
            throw CliException.Usage(
                $"Refusing plain http:// to {server.Host}: the connection would not be encrypted. Use https://, or add --insecure if you really mean it "
                + "(loopback addresses such as 127.0.0.1 need neither).");
        }
    }

    public static string ReadAuthority(string path)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            if (certificates.Count == 0) throw CliException.Usage($"'{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
            return certificates[0].ExportCertificatePem();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw CliException.Usage($"Cannot read a PEM certificate from '{path}': {exception.Message}");
        }
    }

    /// <summary>The handler pm's clients use for <paramref name="server"/>; the caller disposes it.</summary>
    public static HttpClientHandler CreateHandler(Uri server, string? authorityPem)
    {
        var handler = new HttpClientHandler();
        if (authorityPem is null) return handler;

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(authorityPem);
        var authority = certificates[0];
        handler.ServerCertificateCustomValidationCallback = (request, certificate, _, errors) =>
        {
            var uri = request.RequestUri;
            if (uri is null || !string.Equals(uri.Host, server.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != server.Port)
                return errors == SslPolicyErrors.None;
            if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
                return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        };
        return handler;
    }
}
