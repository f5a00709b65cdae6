using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.Tenants.ListTenants;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Tenants.ListTenants;

internal static class ListTenantsEndpoint
{
    internal static RouteHandlerBuilder MapListTenants(this RouteGroupBuilder group) =>
        group.MapGet("", HandleAsync)
            .WithName("Auth.ListTenants")
            .WithSummary("Lists every tenant with its user count, in name order (instance administrators; cursor: ?after=nextCursor, ?limit=1..1000).")
            .ProducesErrors(typeof(NotAdministrator));

    private static async Task<Results<Ok<ListTenantsResult>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct, string? after = null, int limit = 50)
    {
        var result = await sender.Send(new ListTenantsQuery(Actor(principal, user), after, limit), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
