using System.Text.Json;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault;

/// <summary>Builds the audit rows of sharing changes (metadata only: ids, permissions, counts).</summary>
public sealed class VaultAudit(IRequestOrigin origin, TimeProvider clock)
{
    public AuditRecord Record(Domain.Vault.Vaults.Vault vault, UserId actor, string action, IReadOnlyDictionary<string, object>? details = null)
    {
        ArgumentNullException.ThrowIfNull(vault);
        return new AuditRecord(
            vault.TenantId.Value, actor.Value, action, AuditOutcomes.Success, AuditObjectTypes.Vault, vault.Id, clock.GetUtcNow(),
            origin.IpAddress, null, details is null ? null : JsonSerializer.Serialize(details));
    }
}
