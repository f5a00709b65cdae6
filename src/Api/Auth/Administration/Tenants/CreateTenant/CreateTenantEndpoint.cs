using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.Tenants.CreateTenant;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Tenants.CreateTenant;

internal sealed record CreateTenantRequest(string Name, string OwnerEmail);

internal static class CreateTenantEndpoint
{
    internal static RouteHandlerBuilder MapCreateTenant(this RouteGroupBuilder group) =>
        group.MapPost("", HandleAsync)
            .WithName("Auth.CreateTenant")
            .WithSummary("Creates a tenant with an owner invitation (instance administrators). Whoever registers with the returned code becomes its owner; the code is shown once.")
            .ProducesErrors(typeof(NotAdministrator), typeof(TenantNameTaken));

    private static async Task<Results<Created<CreatedTenant>, ProblemHttpResult>> HandleAsync(
        CreateTenantRequest request, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CreateTenantCommand(Actor(principal, user), request.Name, request.OwnerEmail), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/admin/tenants/{result.Value.Tenant.TenantId}", result.Value);
    }
}
