using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.VerifyEmail;
using PasswordManager.Domain.Auth;

namespace PasswordManager.Api.Auth.Accounts.VerifyEmail;

internal sealed record VerifyEmailRequest(string Code);

internal static class VerifyEmailEndpoint
{
    internal static RouteHandlerBuilder MapVerifyEmail(this RouteGroupBuilder group) =>
        group.MapPost("/email/verify", HandleAsync)
            .WithName("Auth.VerifyEmail")
            .WithSummary("Confirms the account's email address with the single-use code from the verification mail; until then the address receives no other mail.")
            .ProducesErrors(typeof(EmailVerificationInvalid));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(VerifyEmailRequest request, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new VerifyEmailCommand(request.Code), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
