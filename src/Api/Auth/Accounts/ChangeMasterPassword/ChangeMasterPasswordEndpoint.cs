using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.ChangeMasterPassword;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Throttling;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Api.Auth.Accounts.ChangeMasterPassword;

internal sealed record ChangeMasterPasswordRequest(
    string CurrentAuthHash, string NewAuthHash, KdfParameters Kdf, string KdfSalt, string EncryptedUserKey, string? Code, string? RecoveryCode);

internal static class ChangeMasterPasswordEndpoint
{
    internal static RouteHandlerBuilder MapChangeMasterPassword(this RouteGroupBuilder group) =>
        group.MapPost("/account/password", HandleAsync)
            .WithName("Auth.ChangeMasterPassword")
            .WithSummary("Swaps the authHash verifier, KDF salt and parameters and the wrapped USK after checking the current authHash; revokes every other session. With MFA on, also a TOTP code or a recovery code.")
            .ProducesErrors(typeof(WrongMasterPassword), typeof(MfaCodeRequired), typeof(MfaCodeInvalid), typeof(LoginThrottled), typeof(SessionExpired));

    private static async Task<Results<Ok<ChangeMasterPasswordResult>, ProblemHttpResult>> HandleAsync(
        ChangeMasterPasswordRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(
            new ChangeMasterPasswordCommand(
                user.Id, user.SessionId, request.CurrentAuthHash, request.NewAuthHash, request.Kdf, request.KdfSalt, request.EncryptedUserKey,
                request.Code, request.RecoveryCode),
            ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
