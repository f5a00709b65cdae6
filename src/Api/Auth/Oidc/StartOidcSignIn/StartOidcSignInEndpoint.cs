using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Oidc.StartOidcSignIn;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Domain.Auth.Oidc;

namespace PasswordManager.Api.Auth.Oidc.StartOidcSignIn;

internal sealed record StartOidcSignInRequest(string Provider, string RedirectUri, string VerifierChallenge, DeviceInfo Device);

internal static class StartOidcSignInEndpoint
{
    internal static RouteHandlerBuilder MapStartOidcSignIn(this RouteGroupBuilder group) =>
        group.MapPost("/oidc/start", HandleAsync)
            .WithName("Auth.StartOidcSignIn")
            .WithSummary("Starts an authorization code + PKCE sign-in at a provider (by name or issuer) for a device listening on a loopback redirectUri (RFC 8252); verifierChallenge is BASE64URL(SHA-256(device verifier)). Answers the URL to open and the state.")
            .ProducesErrors(typeof(OidcProviderUnknown));

    private static async Task<Results<Ok<StartOidcSignInResult>, ProblemHttpResult>> HandleAsync(
        StartOidcSignInRequest request, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new StartOidcSignInCommand(request.Provider, request.RedirectUri, request.VerifierChallenge, request.Device), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
