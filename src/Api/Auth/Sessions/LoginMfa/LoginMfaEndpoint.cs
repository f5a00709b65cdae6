using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Application.Auth.Sessions.LoginMfa;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Throttling;
using PasswordManager.Application.Contracts.Billing;

namespace PasswordManager.Api.Auth.Sessions.LoginMfa;

internal sealed record LoginMfaRequest(string? Ticket, Guid DeviceId, string? Code, string? RecoveryCode)
{
    internal LoginMfaCommand ToCommand() => new(Ticket ?? "", DeviceId, Code, RecoveryCode);
}

internal static class LoginMfaEndpoint
{
    internal static RouteHandlerBuilder MapLoginMfa(this RouteGroupBuilder group) =>
        group.MapPost("/login/mfa", HandleAsync)
            .WithName("Auth.LoginMfa")
            .WithSummary("Completes a login that answered auth.mfa_required: the ticket, the same device id, and a TOTP code or a recovery code.")
            .ProducesErrors(typeof(QuotaExceeded), typeof(MfaTicketInvalid), typeof(MfaCodeInvalid), typeof(LoginThrottled), typeof(AccountDisabled), typeof(TenantSuspended));

    private static async Task<Results<Ok<LoginResult>, ProblemHttpResult>> HandleAsync(
        LoginMfaRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(request.ToCommand(), ct);
        if (result.IsFailure) return result.Error.ToProblem(response);
        return TypedResults.Ok(result.Value);
    }
}
