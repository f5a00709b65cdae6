using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Throttling;
using PasswordManager.Application.Contracts.Billing;

namespace PasswordManager.Api.Auth.Sessions.Login;

internal sealed record LoginRequest(string Username, string AuthHash, DeviceInfo Device)
{
    internal LoginCommand ToCommand() => new(Username, AuthHash, Device);
}

internal static class LoginEndpoint
{
    internal static RouteHandlerBuilder MapLogin(this RouteGroupBuilder group) =>
        group.MapPost("/login", HandleAsync)
            .WithName("Auth.Login")
            .WithSummary("Starts a device session: access token, refresh token and the encrypted keys to unlock the account. With MFA on, answers auth.mfa_required with a ticket for /login/mfa.")
            .ProducesErrors(typeof(QuotaExceeded), typeof(InvalidCredentials), typeof(MfaRequired), typeof(LoginThrottled), typeof(AccountDisabled), typeof(TenantSuspended), typeof(SignInMethodNotAllowed), typeof(MfaEnrolmentRequired));

    private static async Task<Results<Ok<LoginResult>, ProblemHttpResult>> HandleAsync(
        LoginRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(request.ToCommand(), ct);
        if (result.IsFailure) return result.Error.ToProblem(response);
        return TypedResults.Ok(result.Value);
    }
}
