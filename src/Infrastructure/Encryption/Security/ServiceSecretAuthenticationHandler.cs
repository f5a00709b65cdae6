using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PasswordManager.Application.Encryption;

namespace PasswordManager.Infrastructure.Encryption.Security;

/// <summary>
/// Per-tenant shared secrets of service-to-service callers (<c>Encryption:ServiceSecrets:{tenantId}</c>). Only
/// SHA-256 hashes are kept in memory; comparison is constant-time.
/// </summary>
internal sealed class ServiceSecrets
{
    public const int MinLength = 32;

    private readonly Dictionary<Guid, byte[]> hashes = [];

    public ServiceSecrets(IReadOnlyDictionary<string, string> configured)
    {
        foreach (var (tenant, secret) in configured)
        {
            if (!Guid.TryParse(tenant, out var tenantId))
                throw new InvalidOperationException($"Encryption:ServiceSecrets keys must be tenant ids; '{tenant}' is not.");
            if (secret.Length < MinLength)
                throw new InvalidOperationException($"The service secret of tenant {tenantId} must be at least {MinLength} characters.");
            hashes[tenantId] = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        }
    }

    public bool IsValid(Guid tenant, string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return hashes.TryGetValue(tenant, out var expected) && CryptographicOperations.FixedTimeEquals(hash, expected);
    }
}

/// <summary>Authenticates <c>X-Encryption-Tenant</c> + <c>X-Encryption-Secret</c> as the tenant's encryption-service caller.</summary>
internal sealed class ServiceSecretAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServiceSecrets secrets)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var tenantHeader = Request.Headers[EncryptionAccess.TenantHeader].ToString();
        var secretHeader = Request.Headers[EncryptionAccess.SecretHeader].ToString();
        if (tenantHeader.Length == 0 && secretHeader.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        if (!Guid.TryParse(tenantHeader, out var tenant) || !secrets.IsValid(tenant, secretHeader))
            return Task.FromResult(AuthenticateResult.Fail("The encryption service credentials are not valid."));

        var identity = new ClaimsIdentity(
            [
                new Claim("sub", Guid.Empty.ToString()),
                new Claim("tid", tenant.ToString()),
                new Claim("role", EncryptionAccess.ServiceRole),
                new Claim("name", EncryptionAccess.ServiceRole),
            ],
            EncryptionAccess.ServiceScheme, "name", "role");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), EncryptionAccess.ServiceScheme)));
    }
}
