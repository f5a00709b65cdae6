using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.SetPasswordHint;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;

namespace PasswordManager.Api.Auth.Accounts.SetPasswordHint;

internal sealed record SetPasswordHintRequest(string? PasswordHint);

internal static class SetPasswordHintEndpoint
{
    internal static RouteGroupBuilder MapPasswordHint(this RouteGroupBuilder group)
    {
        group.MapPut("/account/hint", SetAsync)
            .WithName("Auth.SetPasswordHint")
            .WithSummary("Replaces the caller's password hint (stored in plain text, never shown to an anonymous caller).")
            .ProducesErrors(typeof(UserNotFound));
        group.MapDelete("/account/hint", ClearAsync)
            .WithName("Auth.ClearPasswordHint")
            .WithSummary("Removes the caller's password hint.")
            .ProducesErrors(typeof(UserNotFound));
        return group;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetAsync(
        SetPasswordHintRequest request, ICurrentUser user, ISender sender, CancellationToken ct) =>
        await SendAsync(new SetPasswordHintCommand(user.Id, request.PasswordHint), sender, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await SendAsync(new SetPasswordHintCommand(user.Id, null), sender, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> SendAsync(SetPasswordHintCommand command, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(command, ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
