using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace PasswordManager.Api.Common.Security;

/// <summary>
/// HTTPS as Kestrel serves it (ADR-0024): every HTTPS endpoint speaks TLS 1.3 and nothing older, with the
/// certificate from <c>Https:CertificatePath</c> + <c>Https:KeyPath</c> (PEM) when they are set, otherwise from
/// Kestrel's own configuration. With <c>Https:ClientCertificateAuthorityPath</c> every HTTPS endpoint requires a
/// client certificate issued by that CA (mutual TLS, used by the standalone Encryption Service). HSTS answers
/// every HTTPS request, for IP addresses and localhost too.
/// </summary>
internal static class TransportSecurity
{
    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var serverCertificate = LoadServerCertificate(configuration["Https:CertificatePath"], configuration["Https:KeyPath"]);
        var clientAuthority = configuration["Https:ClientCertificateAuthorityPath"] is { Length: > 0 } caPath
            ? LoadAuthority(caPath)
            : null;

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.SslProtocols = SslProtocols.Tls13;
            if (serverCertificate is not null) https.ServerCertificate = serverCertificate;
            if (clientAuthority is null) return;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => IsIssuedBy(certificate, clientAuthority);
        }));

        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = configuration.GetValue("Https:HstsMaxAge", TimeSpan.FromDays(365));
            hsts.ExcludedHosts.Clear();
        });
        return builder;
    }

    private static X509Certificate2? LoadServerCertificate(string? certificatePath, string? keyPath)
    {
        if (string.IsNullOrEmpty(certificatePath) && string.IsNullOrEmpty(keyPath)) return null;
        if (string.IsNullOrEmpty(certificatePath) || string.IsNullOrEmpty(keyPath))
            throw new InvalidOperationException("Set both Https:CertificatePath and Https:KeyPath (PEM files), or neither.");
        return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
    }

    private static X509Certificate2 LoadAuthority(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        return certificates.Count > 0 ? certificates[0] : throw new InvalidOperationException($"{path} holds no PEM certificate.");
    }

    /// <summary>A client certificate is accepted only when it chains to the configured CA alone, not the system store.</summary>
    private static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }
}
