using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using PasswordManager.Application.Auth;
using PasswordManager.Application.Auth.Email;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Auth.Throttling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Infrastructure.Auth.Email;
using PasswordManager.Infrastructure.Auth.ApiKeys;
using PasswordManager.Infrastructure.Auth.Decoy;
using PasswordManager.Infrastructure.Auth.Hashing;
using PasswordManager.Infrastructure.Auth.Jwt;
using PasswordManager.Infrastructure.Auth.Mfa;
using PasswordManager.Infrastructure.Auth.Oidc;
using PasswordManager.Infrastructure.Auth.Persistence;
using PasswordManager.Infrastructure.Auth.Revocation;
using Microsoft.AspNetCore.DataProtection;
using PasswordManager.Infrastructure.Auth.Throttling;
using PasswordManager.Infrastructure.Common.Email;
using PasswordManager.Infrastructure.Common.Secrets;

namespace PasswordManager.Infrastructure.Auth;

internal static class AuthInfrastructure
{
    public static IServiceCollection AddAuthInfrastructure(
        this IServiceCollection services, IConfiguration configuration, string connectionString, ServerSecretStore secrets)
    {
        services.AddDbContextPool<AuthDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", AuthDbContext.Schema)));
        services.AddScoped<IAuthDbContext>(sp =>
        {
            var db = sp.GetRequiredService<AuthDbContext>();
            db.AuditTrail = sp.GetRequiredService<IAuditTrail>();
            return db;
        });

        // One key ring for every replica (ADR-0029): whatever one protects, the others can read.
        services.AddDataProtection().SetApplicationName("PasswordManager").PersistKeysToDbContext<AuthDbContext>();

        var policy = configuration.GetSection("Auth").Get<AuthPolicy>() ?? new AuthPolicy();
        services.AddSingleton(policy);

        var hashing = configuration.GetSection("Auth:Hashing").Get<AuthHashingOptions>() ?? new AuthHashingOptions();
        services.AddSingleton<IAuthHashHasher>(new Argon2AuthHashHasher(hashing));

        var recoveryHashing = configuration.GetSection("Auth:RecoveryCodeHashing").Get<AuthHashingOptions>() ?? Argon2RecoveryCodeHasher.DefaultOptions;
        services.AddSingleton<IRecoveryCodeHasher>(new Argon2RecoveryCodeHasher(recoveryHashing));
        services.AddSingleton<ITotpCodes, OtpNetTotpCodes>();
        services.AddSingleton(configuration.GetSection("Auth:Throttle").Get<LoginThrottlePolicy>() ?? new LoginThrottlePolicy());
        services.AddScoped<ILoginThrottleStore, PostgresLoginThrottleStore>();

        var jwt = configuration.GetSection("Auth:Jwt").Get<JwtOptions>() ?? new JwtOptions();
        var signingKey = new SymmetricSecurityKey(secrets.GetOrCreate("jwt-signing", jwt.SigningKey, 32)) { KeyId = jwt.KeyId };
        services.AddSingleton<IAccessTokenIssuer>(sp => new JwtTokenIssuer(jwt, signingKey, policy, sp.GetRequiredService<TimeProvider>()));
        services.AddJwtBearerValidation(jwt, signingKey);
        var revocation = configuration.GetSection("Auth:Revocation").Get<SessionRevocationOptions>() ?? new SessionRevocationOptions();
        if (revocation.Enabled) services.AddSessionRevocation(connectionString, revocation, policy);

        var preloginSecret = secrets.GetOrCreate("prelogin", configuration["Auth:PreloginSecret"], 32);
        services.AddSingleton<IUnknownUserDecoy>(new HmacUnknownUserDecoy(preloginSecret));

        var apiKeyPepper = secrets.GetOrCreate("api-key-pepper", configuration["Auth:ApiKeyPepper"], 32);
        services.AddSingleton<IApiKeySecretHasher>(new HmacApiKeySecretHasher(apiKeyPepper));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, _ => { });
        services.AddAccountMail(configuration);

        var oidc = configuration.GetSection("Auth:Oidc:Providers").Get<Dictionary<string, OidcProviderOptions>>() ?? [];
        services.AddSingleton<IOidcProviders>(sp => new OidcProviders(
            oidc, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OidcProviders>>()));
        return services;
    }

    /// <summary>Mail templates, the SMTP sender and the outbox worker (ADR-0026).</summary>
    private static void AddAccountMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Email").Get<AccountMailOptions>() ?? new AccountMailOptions());
        services.AddSingleton<EmailTemplates>();
        var smtp = configuration.GetSection("Email:Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        services.AddSingleton(smtp);
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        var outbox = configuration.GetSection("Email:Outbox").Get<EmailOutboxOptions>() ?? new EmailOutboxOptions();
        services.AddSingleton(outbox);
        services.AddSingleton<EmailOutboxWorker>();
        if (outbox.Enabled && !string.IsNullOrWhiteSpace(smtp.Host))
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<EmailOutboxWorker>());
        else
            services.AddSingleton<IHostedService>(sp => new OutboxDisabledNotice(sp.GetRequiredService<ILogger<EmailOutboxWorker>>()));
    }

    private static void AddSessionRevocation(
        this IServiceCollection services, string connectionString, SessionRevocationOptions options, AuthPolicy policy)
    {
        // A refresh that read its session just before a revocation committed can still issue one more token; the
        // extra minute covers it.
        var tokenWindow = policy.AccessTokenLifetime + JwtAuthentication.ClockSkew + TimeSpan.FromMinutes(1);
        if (options.Retention <= tokenWindow)
            throw new InvalidOperationException("Auth:Revocation:Retention must be longer than Auth:AccessTokenLifetime plus 90 seconds.");

        var listenerConnection = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "pm-session-revocation", MaxPoolSize = 20 };
        services.AddSingleton(options);
        services.AddSingleton(_ => new SessionRevocationStore(NpgsqlDataSource.Create(listenerConnection.ConnectionString)));
        services.AddSingleton(sp => new RevokedSessions(
            sp.GetRequiredService<SessionRevocationStore>(), options, tokenWindow, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SessionRevocationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRevocationListener>());
        services.RejectRevokedSessions();
    }
}
