using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.Tenants.DeleteTenant;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Tenants.DeleteTenant;

internal static class DeleteTenantEndpoint
{
    internal static RouteHandlerBuilder MapDeleteTenant(this RouteGroupBuilder group) =>
        group.MapDelete("/{tenantId:guid}", HandleAsync)
            .WithName("Auth.DeleteTenant")
            .WithSummary("Deletes a tenant: an empty one at once; one with users only with ?deleteUsers=true&confirmName=<its name>, deleting each user by the rules of self-deletion (409 names users blocked by shared vaults; repeat to resume).")
            .ProducesErrors(typeof(NotAdministrator), typeof(TenantNotFound), typeof(DefaultTenantProtected), typeof(AdminSelfAction), typeof(TenantNotEmpty), typeof(TenantDeletionBlocked));

    private static async Task<Results<Ok<DeletedTenant>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct, bool deleteUsers = false, string? confirmName = null)
    {
        var result = await sender.Send(new DeleteTenantCommand(Actor(principal, user), tenantId, deleteUsers, confirmName), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
