using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Tenants.SuspendTenant;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Tenants.SuspendTenant;

internal static class SuspendTenantEndpoint
{
    internal static RouteHandlerBuilder MapSuspendTenant(this RouteGroupBuilder group) =>
        group.MapPost("/{tenantId:guid}/suspend", HandleAsync)
            .WithName("Auth.SuspendTenant")
            .WithSummary("Suspends a tenant: every session of its users ends at once; logins, refreshes and API keys answer auth.tenant_suspended until unsuspended. Data is kept.")
            .ProducesErrors(typeof(NotAdministrator), typeof(TenantNotFound), typeof(AdminSelfAction));

    private static async Task<Results<Ok<AdminTenantView>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new SuspendTenantCommand(Actor(principal, user), tenantId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
