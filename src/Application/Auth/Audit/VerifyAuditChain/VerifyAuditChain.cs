using Mediator;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Audit.VerifyAuditChain;

/// <summary>Verifies a tenant's audit chain for an administrator who sees that tenant (another tenant is "not found").</summary>
public sealed record VerifyAuditChainQuery(AdminActor Actor, Guid TenantId) : IQuery<Result<AuditChainStatus>>;

public sealed class VerifyAuditChainQueryHandler(AdministrationScope scope, IAuditChainVerifier verifier)
    : IQueryHandler<VerifyAuditChainQuery, Result<AuditChainStatus>>
{
    public async ValueTask<Result<AuditChainStatus>> Handle(VerifyAuditChainQuery query, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveAsync(query.Actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        if (!admin.Value.Sees(new TenantId(query.TenantId))) return new TenantNotFound();
        return await verifier.VerifyTenantAsync(query.TenantId, cancellationToken);
    }
}
