using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Application.Auth.Accounts.RequestPasswordHint;

namespace PasswordManager.Api.Auth.Accounts.RequestPasswordHint;

internal sealed record RequestPasswordHintRequest(string EmailOrUsername);

internal static class RequestPasswordHintEndpoint
{
    internal static RouteHandlerBuilder MapRequestPasswordHint(this RouteGroupBuilder group) =>
        group.MapPost("/hint", HandleAsync)
            .WithName("Auth.RequestPasswordHint")
            .WithSummary("Mails the password hint to the account's verified address. Always 202, alike for known and unknown accounts; the hint is never in the answer.");

    private static async Task<Accepted> HandleAsync(RequestPasswordHintRequest request, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RequestPasswordHintCommand(request.EmailOrUsername), ct);
        return TypedResults.Accepted((string?)null);
    }
}
