using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.RotateKeys;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Throttling;

namespace PasswordManager.Api.Auth.Accounts.RotateKeys;

internal sealed record RotateKeysRequest(
    string? AuthHash,
    string? Code,
    string? RecoveryCode,
    string? EncryptedPrivateKeys,
    string? PublicKeyBundle,
    string? Handover,
    IReadOnlyList<RotateKeysAccessRecord>? AccessRecords);

internal static class RotateKeysEndpoint
{
    internal static RouteHandlerBuilder MapRotateKeys(this RouteGroupBuilder group) =>
        group.MapPost("/account/keys", HandleAsync)
            .WithName("Auth.RotateKeys")
            .WithSummary("Replaces the account's key pairs: new wrapped private keys, bundle and hand-over statement, and the re-sealed and re-signed access records, all or nothing (409 when the records are not exactly the current ones).")
            .ProducesErrors(
                typeof(KeyRotationConflict), typeof(WrongMasterPassword), typeof(MfaCodeRequired), typeof(MfaCodeInvalid), typeof(LoginThrottled), typeof(SessionExpired));

    private static async Task<Results<Ok<RotateKeysResult>, ProblemHttpResult>> HandleAsync(
        RotateKeysRequest request, ICurrentUser user, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(
            new RotateKeysCommand(
                user.Id, request.AuthHash ?? "", request.Code, request.RecoveryCode, request.EncryptedPrivateKeys ?? "",
                request.PublicKeyBundle ?? "", request.Handover ?? "", request.AccessRecords ?? []),
            ct);
        if (result.IsFailure) return result.Error.ToProblem(response);
        return TypedResults.Ok(result.Value);
    }
}
