using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.DeleteAccount;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.Accounts.DeleteAccount;

internal sealed record DeleteAccountRequest(string AuthHash);

internal static class DeleteAccountEndpoint
{
    internal static RouteHandlerBuilder MapDeleteAccount(this RouteGroupBuilder group) =>
        group.MapDelete("/account", HandleAsync)
            .WithName("Auth.DeleteAccount")
            .WithSummary("Deletes the caller's account and vault data after a fresh authHash (409 lists the shared vaults that block it).");

    private static async Task<Results<Ok<DeleteAccountResult>, ProblemHttpResult>> HandleAsync(
        [FromBody] DeleteAccountRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DeleteAccountCommand(user.Id, request.AuthHash), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
