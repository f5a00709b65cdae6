using System.Text.Json;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Encryption;

/// <summary>
/// Builds the audit rows of key lifecycle changes. The caller may be a tenant's service secret rather than a user, so the
/// actor is left empty and the row names the context and version.
/// </summary>
public sealed class EncryptionAudit(IRequestOrigin origin, TimeProvider clock)
{
    public AuditRecord Record(TenantId tenant, string action, string encryptionId, int version, string? state = null)
    {
        var details = new Dictionary<string, object> { ["encryptionId"] = encryptionId, ["version"] = version };
        if (state is not null) details["state"] = state;
        return new AuditRecord(
            tenant.Value, null, action, AuditOutcomes.Success, AuditObjectTypes.EncryptionContext, null, clock.GetUtcNow(),
            origin.IpAddress, null, JsonSerializer.Serialize(details));
    }
}
