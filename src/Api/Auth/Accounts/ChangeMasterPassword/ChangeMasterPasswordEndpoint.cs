using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.ChangeMasterPassword;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Api.Auth.Accounts.ChangeMasterPassword;

internal sealed record ChangeMasterPasswordRequest(
    string CurrentAuthHash, string NewAuthHash, KdfParameters Kdf, string KdfSalt, string EncryptedUserKey);

internal static class ChangeMasterPasswordEndpoint
{
    internal static RouteHandlerBuilder MapChangeMasterPassword(this RouteGroupBuilder group) =>
        group.MapPost("/account/password", HandleAsync)
            .WithName("Auth.ChangeMasterPassword")
            .WithSummary("Swaps the authHash verifier, KDF salt and parameters and the wrapped USK after checking the current authHash; revokes every other session.");

    private static async Task<Results<Ok<ChangeMasterPasswordResult>, ProblemHttpResult>> HandleAsync(
        ChangeMasterPasswordRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(
            new ChangeMasterPasswordCommand(
                user.Id, user.SessionId, request.CurrentAuthHash, request.NewAuthHash, request.Kdf, request.KdfSalt, request.EncryptedUserKey),
            ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
