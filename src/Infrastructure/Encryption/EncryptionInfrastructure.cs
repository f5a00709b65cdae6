using System.Security.Authentication;
using PasswordManager.Application.Contracts.Auth.Audit;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Contracts.Encryption;
using PasswordManager.Application.Encryption;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Infrastructure.Common.Secrets;
using PasswordManager.Infrastructure.Encryption.Adapters;
using PasswordManager.Infrastructure.Encryption.Fields;
using PasswordManager.Infrastructure.Encryption.Hosting;
using PasswordManager.Infrastructure.Encryption.Keys;
using PasswordManager.Infrastructure.Encryption.Persistence;
using PasswordManager.Infrastructure.Encryption.ReEncryption;
using PasswordManager.Infrastructure.Encryption.Security;

namespace PasswordManager.Infrastructure.Encryption;

internal static class EncryptionInfrastructure
{
    /// <summary>The command-line switch <c>--mode encryption-service</c> is the same as <c>Encryption:Mode=Standalone</c>.</summary>
    public const string StandaloneSwitch = "encryption-service";

    public static IServiceCollection AddEncryptionInfrastructure(
        this IServiceCollection services, IConfiguration configuration, string connectionString, ServerSecretStore secrets)
    {
        services.AddDbContextPool<EncryptionDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", EncryptionDbContext.Schema)));
        services.AddScoped<IEncryptionDbContext>(sp =>
        {
            var db = sp.GetRequiredService<EncryptionDbContext>();
            db.AuditTrail = sp.GetRequiredService<IAuditTrail>();
            return db;
        });
        services.AddScoped(sp => new Lazy<IEncryptionDbContext>(sp.GetRequiredService<IEncryptionDbContext>));

        var policy = configuration.GetSection("Encryption").Get<EncryptionPolicy>() ?? new EncryptionPolicy();
        if (string.Equals(configuration["mode"], StandaloneSwitch, StringComparison.OrdinalIgnoreCase)) policy.Mode = EncryptionMode.Standalone;
        services.AddSingleton(policy);

        var masterKey = secrets.GetOrCreate("encryption-master", configuration["Encryption:MasterKey"], 32);
        if (masterKey.Length != 32) throw new InvalidOperationException("Encryption:MasterKey must be exactly 32 bytes, base64-encoded.");
        services.AddSingleton(new PlatformMasterKey(masterKey));
        services.AddSingleton<KeyCache>();
        services.AddScoped<IKeyRing, KeyRing>();

        var serviceSecrets = configuration.GetSection("Encryption:ServiceSecrets").Get<Dictionary<string, string>>() ?? [];
        services.AddSingleton(new ServiceSecrets(serviceSecrets));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ServiceSecretAuthenticationHandler>(EncryptionAccess.ServiceScheme, _ => { });

        services.AddEncryptionAdapter(configuration, policy);
        services.AddScoped<IEncryptedFieldStore, EncryptedFieldStore>();

        var reEncryption = configuration.GetSection("Encryption:ReEncryption").Get<ReEncryptionOptions>() ?? new ReEncryptionOptions();
        services.AddSingleton(reEncryption);
        if (reEncryption.Enabled && policy.Mode == EncryptionMode.Core) services.AddHostedService<ReEncryptionWorker>();

        if (policy.Mode == EncryptionMode.Standalone) services.AddSingleton<IStartupFilter, StandaloneModeStartupFilter>();
        return services;
    }

    /// <summary>
    /// TLS 1.3 to the service, with the client certificate for mutual TLS when one is configured, and the service's
    /// certificate checked against <c>ServerCertificateAuthorityPath</c> alone when that is set (else the system store).
    /// </summary>
    private static SocketsHttpHandler RemoteTransport(RemoteEncryptionOptions remote)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.EnabledSslProtocols = SslProtocols.Tls13;
        if (remote.ClientCertificatePath is { Length: > 0 } certificatePath)
        {
            handler.SslOptions.ClientCertificates =
                [X509CertificateLoader.LoadPkcs12FromFile(certificatePath, remote.ClientCertificatePassword)];
        }

        if (remote.ServerCertificateAuthorityPath is { Length: > 0 } authorityPath)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(authorityPath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & (System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch | System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
                    return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
        }

        return handler;
    }

    private static void AddEncryptionAdapter(this IServiceCollection services, IConfiguration configuration, EncryptionPolicy policy)
    {
        var adapter = configuration["Encryption:Adapter"] ?? "InProcess";
        if (policy.Mode == EncryptionMode.Standalone || string.Equals(adapter, "InProcess", StringComparison.OrdinalIgnoreCase))
        {
            services.AddScoped<InProcessEncryptionService>();
            services.AddScoped<IEncryptionService>(sp => new MeteredEncryptionService(
                sp.GetRequiredService<InProcessEncryptionService>(), "in_process", sp.GetRequiredService<EncryptionMetrics>()));
            return;
        }

        if (!string.Equals(adapter, "Remote", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("Encryption:Adapter must be InProcess or Remote.");
        var remote = configuration.GetSection("Encryption:Remote").Get<RemoteEncryptionOptions>() ?? new RemoteEncryptionOptions();
        if (remote.BaseUrl is null) throw new InvalidOperationException("Encryption:Remote:BaseUrl is required when Encryption:Adapter is Remote.");
        services.AddSingleton(remote);
        services.AddScoped<IEncryptionService>(sp => new MeteredEncryptionService(
            sp.GetRequiredService<RemoteEncryptionService>(), "remote", sp.GetRequiredService<EncryptionMetrics>()));
        var client = services.AddHttpClient<RemoteEncryptionService>(http =>
        {
            http.BaseAddress = remote.BaseUrl;
            http.Timeout = remote.Timeout;
        });
        client.ConfigurePrimaryHttpMessageHandler(() => RemoteTransport(remote));
    }
}
