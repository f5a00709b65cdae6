using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Application.Auth.Sessions.RequestMagicLink;

namespace PasswordManager.Api.Auth.Sessions.RequestMagicLink;

internal sealed record RequestMagicLinkRequest(string Email, string VerifierChallenge, DeviceInfo Device);

internal static class RequestMagicLinkEndpoint
{
    internal static RouteHandlerBuilder MapRequestMagicLink(this RouteGroupBuilder group) =>
        group.MapPost("/magic-link", HandleAsync)
            .WithName("Auth.RequestMagicLink")
            .WithSummary("Mails a single-use 15-minute sign-in token to a verified address, bound to verifierChallenge = BASE64URL(SHA-256(verifier)) of a verifier only this device holds. Always 202, alike for known and unknown addresses.");

    private static async Task<Accepted> HandleAsync(RequestMagicLinkRequest request, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RequestMagicLinkCommand(request.Email, request.VerifierChallenge, request.Device), ct);
        return TypedResults.Accepted((string?)null);
    }
}
