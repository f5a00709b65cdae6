using PasswordManager.Api.Auth.Audit.ListAuditEvents;
using PasswordManager.Api.Common.Security;

namespace PasswordManager.Api.Auth.Audit;

internal static class AuditEndpoints
{
    internal static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var admins = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.TenantAdmin);
        admins.MapListAuditEvents();
        return app;
    }
}
