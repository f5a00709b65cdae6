using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.ConsoleAccess.CreateConsoleLink;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.ConsoleAccess.CreateConsoleLink;

internal static class CreateConsoleLinkEndpoint
{
    /// <summary>The console page that takes the token; the token travels in the query, which request logs never contain.</summary>
    internal const string SignInPath = "/admin/sign-in";

    internal static RouteHandlerBuilder MapCreateConsoleLink(this RouteGroupBuilder group) =>
        group.MapPost("/console-links", HandleAsync)
            .WithName("Auth.CreateConsoleLink")
            .WithSummary("A one-time admin console sign-in link for the caller's device session (single use, 60 s; access tokens only, never API keys). "
                + "Append path to the server's address and open it in a browser.")
            .ProducesErrors(typeof(NotAdministrator));

    private static async Task<Results<Ok<ConsoleLinkResponse>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CreateConsoleLinkCommand(Actor(principal, user), user.SessionId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(new ConsoleLinkResponse($"{SignInPath}?token={result.Value.Token}", result.Value.ExpiresAt));
    }
}

internal sealed record ConsoleLinkResponse(string Path, DateTimeOffset ExpiresAt);
