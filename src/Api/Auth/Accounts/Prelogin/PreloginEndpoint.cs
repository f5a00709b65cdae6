using Mediator;
using PasswordManager.Application.Auth.Accounts.Prelogin;

namespace PasswordManager.Api.Auth.Accounts.Prelogin;

internal sealed record PreloginRequest(string Username);

internal static class PreloginEndpoint
{
    internal static RouteHandlerBuilder MapPrelogin(this RouteGroupBuilder group) =>
        group.MapPost("/prelogin", HandleAsync)
            .WithName("Auth.Prelogin")
            .WithSummary("Returns the KDF parameters and salt a client needs to derive its keys for a username.")
            .WithDescription("Unknown usernames get a stable, equally shaped answer, so this cannot be used to find accounts.");

    private static async Task<PreloginResult> HandleAsync(PreloginRequest request, ISender sender, CancellationToken ct) =>
        await sender.Send(new PreloginQuery(request.Username), ct);
}
