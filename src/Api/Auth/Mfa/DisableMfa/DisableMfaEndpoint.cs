using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Mfa.DisableMfa;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Throttling;

namespace PasswordManager.Api.Auth.Mfa.DisableMfa;

internal sealed record DisableMfaRequest(string? AuthHash, string? Code, string? RecoveryCode);

internal static class DisableMfaEndpoint
{
    internal static RouteHandlerBuilder MapDisableMfa(this RouteGroupBuilder group) =>
        group.MapPost("/mfa/disable", HandleAsync)
            .WithName("Auth.DisableMfa")
            .WithSummary("Turns MFA off: a fresh authHash plus a TOTP code or a recovery code. The secret and the recovery codes are deleted.")
            .ProducesErrors(typeof(MfaNotEnabled), typeof(MfaCodeInvalid), typeof(WrongMasterPassword), typeof(LoginThrottled), typeof(SessionExpired), typeof(MfaRequiredByPolicy));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        DisableMfaRequest request, ICurrentUser user, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(new DisableMfaCommand(user.Id, request.AuthHash ?? "", request.Code, request.RecoveryCode), ct);
        if (result.IsFailure) return result.Error.ToProblem(response);
        return TypedResults.NoContent();
    }
}
