using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Mfa.ConfirmTotp;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth.Mfa;

namespace PasswordManager.Api.Auth.Mfa.ConfirmTotp;

internal sealed record ConfirmTotpRequest(string? Code);

internal static class ConfirmTotpEndpoint
{
    internal static RouteHandlerBuilder MapConfirmTotp(this RouteGroupBuilder group) =>
        group.MapPost("/mfa/totp/confirm", HandleAsync)
            .WithName("Auth.ConfirmTotp")
            .WithSummary("Turns MFA on with a first code from the enrolled authenticator; answers the ten recovery codes, shown this once.")
            .ProducesErrors(typeof(QuotaExceeded), typeof(MfaEnrolmentNotStarted), typeof(MfaAlreadyEnabled), typeof(MfaCodeInvalid));

    private static async Task<Results<Ok<RecoveryCodesResult>, ProblemHttpResult>> HandleAsync(
        ConfirmTotpRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ConfirmTotpCommand(user.Id, request.Code ?? ""), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
