using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Mfa.ConfirmTotp;
using PasswordManager.Application.Auth.Mfa.RegenerateRecoveryCodes;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Throttling;

namespace PasswordManager.Api.Auth.Mfa.RegenerateRecoveryCodes;

internal sealed record RegenerateRecoveryCodesRequest(string? AuthHash, string? Code);

internal static class RegenerateRecoveryCodesEndpoint
{
    internal static RouteHandlerBuilder MapRegenerateRecoveryCodes(this RouteGroupBuilder group) =>
        group.MapPost("/mfa/recovery-codes", HandleAsync)
            .WithName("Auth.RegenerateRecoveryCodes")
            .WithSummary("Replaces the recovery codes (a fresh authHash and a TOTP code); the old set stops working.")
            .ProducesErrors(typeof(MfaNotEnabled), typeof(MfaCodeInvalid), typeof(WrongMasterPassword), typeof(LoginThrottled), typeof(SessionExpired));

    private static async Task<Results<Ok<RecoveryCodesResult>, ProblemHttpResult>> HandleAsync(
        RegenerateRecoveryCodesRequest request, ICurrentUser user, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(new RegenerateRecoveryCodesCommand(user.Id, request.AuthHash ?? "", request.Code ?? ""), ct);
        if (result.IsFailure) return result.Error.ToProblem(response);
        return TypedResults.Ok(result.Value);
    }
}
