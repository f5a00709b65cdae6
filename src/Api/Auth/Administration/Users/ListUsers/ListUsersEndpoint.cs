using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.Users.ListUsers;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Users.ListUsers;

internal static class ListUsersEndpoint
{
    internal static RouteHandlerBuilder MapListUsers(this RouteGroupBuilder group) =>
        group.MapGet("/users", HandleAsync)
            .WithName("Auth.ListUsers")
            .WithSummary("Lists the users the caller administers (a tenant admin: its tenant; an instance admin: every tenant, or ?tenantId=), in username order; ?search= matches part of the username or email (cursor: ?after=nextCursor, ?limit=1..1000).")
            .ProducesErrors(typeof(NotAdministrator));

    private static async Task<Results<Ok<ListUsersResult>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct, string? search = null, Guid? tenantId = null, string? after = null, int limit = 50)
    {
        var result = await sender.Send(new ListUsersQuery(Actor(principal, user), search, tenantId, after, limit), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
