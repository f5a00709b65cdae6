using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Tenants.RenameTenant;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Tenants.RenameTenant;

internal sealed record RenameTenantRequest(string Name);

internal static class RenameTenantEndpoint
{
    internal static RouteHandlerBuilder MapRenameTenant(this RouteGroupBuilder group) =>
        group.MapPut("/{tenantId:guid}/name", HandleAsync)
            .WithName("Auth.RenameTenant")
            .WithSummary("Renames a tenant (instance administrators).")
            .ProducesErrors(typeof(NotAdministrator), typeof(TenantNotFound), typeof(TenantNameTaken));

    private static async Task<Results<Ok<AdminTenantView>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, RenameTenantRequest request, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RenameTenantCommand(Actor(principal, user), tenantId, request.Name), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
