using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Tenants.UnsuspendTenant;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Tenants.UnsuspendTenant;

internal static class UnsuspendTenantEndpoint
{
    internal static RouteHandlerBuilder MapUnsuspendTenant(this RouteGroupBuilder group) =>
        group.MapPost("/{tenantId:guid}/unsuspend", HandleAsync)
            .WithName("Auth.UnsuspendTenant")
            .WithSummary("Lifts a suspension; its users may log in again.")
            .ProducesErrors(typeof(NotAdministrator), typeof(TenantNotFound));

    private static async Task<Results<Ok<AdminTenantView>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new UnsuspendTenantCommand(Actor(principal, user), tenantId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
