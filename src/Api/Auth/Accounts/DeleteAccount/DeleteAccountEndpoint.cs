using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.DeleteAccount;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Throttling;

namespace PasswordManager.Api.Auth.Accounts.DeleteAccount;

internal sealed record DeleteAccountRequest(string AuthHash, string? Code, string? RecoveryCode);

internal static class DeleteAccountEndpoint
{
    internal static RouteHandlerBuilder MapDeleteAccount(this RouteGroupBuilder group) =>
        group.MapDelete("/account", HandleAsync)
            .WithName("Auth.DeleteAccount")
            .WithSummary("Deletes the caller's account and vault data after a fresh authHash (409 lists the shared vaults that block it). With MFA on, also a TOTP code or a recovery code.")
            .ProducesErrors(
                typeof(WrongMasterPassword), typeof(MfaCodeRequired), typeof(MfaCodeInvalid), typeof(LoginThrottled), typeof(SessionExpired),
                typeof(AccountDeletionBlocked));

    private static async Task<Results<Ok<DeleteAccountResult>, ProblemHttpResult>> HandleAsync(
        [FromBody] DeleteAccountRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DeleteAccountCommand(user.Id, request.AuthHash, request.Code, request.RecoveryCode), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
