using Mediator;
using PasswordManager.Application.Auth.Accounts.GetCurrentAccount;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.Accounts.GetCurrentAccount;

internal static class GetCurrentAccountEndpoint
{
    internal static RouteHandlerBuilder MapGetCurrentAccount(this RouteGroupBuilder group) =>
        group.MapGet("/account", HandleAsync)
            .WithName("Auth.GetCurrentAccount")
            .WithSummary("Who am I: the caller's account, tenant, role and session.");

    private static async Task<CurrentAccount> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetCurrentAccountQuery(user.Id, user.SessionId), ct);
}
