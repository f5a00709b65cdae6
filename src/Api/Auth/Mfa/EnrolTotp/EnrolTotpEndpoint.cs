using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Mfa.EnrolTotp;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Throttling;

namespace PasswordManager.Api.Auth.Mfa.EnrolTotp;

internal sealed record EnrolTotpRequest(string? AuthHash);

internal static class EnrolTotpEndpoint
{
    internal static RouteHandlerBuilder MapEnrolTotp(this RouteGroupBuilder group) =>
        group.MapPost("/mfa/totp", HandleAsync)
            .WithName("Auth.EnrolTotp")
            .WithSummary("Starts a TOTP enrolment (needs a fresh authHash): the secret, its otpauth:// URI and a PNG QR code. Confirm with a first code.")
            .ProducesErrors(typeof(QuotaExceeded), typeof(MfaAlreadyEnabled), typeof(WrongMasterPassword), typeof(LoginThrottled), typeof(SessionExpired));

    private static async Task<Results<Ok<EnrolTotpResult>, ProblemHttpResult>> HandleAsync(
        EnrolTotpRequest request, ICurrentUser user, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(new EnrolTotpCommand(user.Id, request.AuthHash ?? ""), ct);
        if (result.IsFailure) return result.Error.ToProblem(response);
        return TypedResults.Ok(result.Value);
    }
}
