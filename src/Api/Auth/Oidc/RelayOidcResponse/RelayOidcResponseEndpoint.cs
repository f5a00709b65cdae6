using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Oidc;
using PasswordManager.Application.Auth.Oidc.RelayOidcResponse;
using PasswordManager.Domain.Auth.Oidc;

namespace PasswordManager.Api.Auth.Oidc.RelayOidcResponse;

internal static class RelayOidcResponseEndpoint
{
    internal static RouteHandlerBuilder MapRelayOidcResponse(this RouteGroupBuilder group) =>
        group.MapPost(OidcRelay.CallbackPath["/api/v1/auth".Length..], HandleAsync)
            .WithName("Auth.RelayOidcResponse")
            .WithSummary("The redirect URI for providers that answer with response_mode=form_post (Apple): sends the browser on (303) to the loopback address of the device that started the sign-in, with the same code and state. Spends nothing.")
            .DisableAntiforgery()
            .ProducesErrors(typeof(OidcSignInInvalid));

    private static async Task<Results<StatusCodeHttpResult, ProblemHttpResult>> HandleAsync(
        [FromForm(Name = "state")] string state, [FromForm(Name = "code")] string? code, [FromForm(Name = "error")] string? error,
        ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(new RelayOidcResponseCommand(state, code, error), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        response.Headers.Location = result.Value.AbsoluteUri;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }
}
