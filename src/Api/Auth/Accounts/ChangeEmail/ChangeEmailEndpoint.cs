using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.ChangeEmail;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Throttling;

namespace PasswordManager.Api.Auth.Accounts.ChangeEmail;

internal sealed record ChangeEmailRequest(string? Email, string AuthHash, string? Code, string? RecoveryCode);

internal static class ChangeEmailEndpoint
{
    internal static RouteHandlerBuilder MapChangeEmail(this RouteGroupBuilder group) =>
        group.MapPut("/account/email", HandleAsync)
            .WithName("Auth.ChangeEmail")
            .WithSummary("Sets or (with null) removes the caller's email address after checking the current authHash (and a second factor with MFA on). A new address gets a verification mail and nothing else until verified.")
            .ProducesErrors(typeof(WrongMasterPassword), typeof(MfaCodeRequired), typeof(MfaCodeInvalid), typeof(LoginThrottled), typeof(SessionExpired));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        ChangeEmailRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ChangeEmailCommand(user.Id, request.Email, request.AuthHash, request.Code, request.RecoveryCode), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
