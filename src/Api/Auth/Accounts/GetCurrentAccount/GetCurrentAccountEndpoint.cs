using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.GetCurrentAccount;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;

namespace PasswordManager.Api.Auth.Accounts.GetCurrentAccount;

internal static class GetCurrentAccountEndpoint
{
    internal static RouteHandlerBuilder MapGetCurrentAccount(this RouteGroupBuilder group) =>
        group.MapGet("/account", HandleAsync)
            .WithName("Auth.GetCurrentAccount")
            .WithSummary("Who am I: the caller's account, tenant, role and session.")
            .ProducesErrors(typeof(SessionExpired));

    private static async Task<Results<Ok<CurrentAccount>, ProblemHttpResult>> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetCurrentAccountQuery(user.Id, user.SessionId), ct) is { } account
            ? TypedResults.Ok(account)
            : new SessionExpired().ToProblem();
}
