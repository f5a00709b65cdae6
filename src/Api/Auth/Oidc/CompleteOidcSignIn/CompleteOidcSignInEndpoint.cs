using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Oidc.CompleteOidcSignIn;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Oidc;

namespace PasswordManager.Api.Auth.Oidc.CompleteOidcSignIn;

internal sealed record CompleteOidcSignInRequest(string State, string Code, string Verifier);

internal static class CompleteOidcSignInEndpoint
{
    internal static RouteHandlerBuilder MapCompleteOidcSignIn(this RouteGroupBuilder group) =>
        group.MapPost("/oidc/complete", HandleAsync)
            .WithName("Auth.CompleteOidcSignIn")
            .WithSummary("Exchanges the code the provider sent to the device (with the state and the device's verifier); the server validates the ID token itself. A linked identity gets a session like a password login (MFA on: auth.mfa_required); an unlinked one auth.oidc_identity_not_linked with a ticket to register or link. Unlocking still needs the master password.")
            .ProducesErrors(
                typeof(OidcSignInInvalid), typeof(OidcIdentityNotLinked), typeof(MfaRequired), typeof(AccountDisabled), typeof(TenantSuspended),
                typeof(SignInMethodNotAllowed), typeof(MfaEnrolmentRequired), typeof(QuotaExceeded));

    private static async Task<Results<Ok<LoginResult>, ProblemHttpResult>> HandleAsync(
        CompleteOidcSignInRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(new CompleteOidcSignInCommand(request.State, request.Code, request.Verifier), ct);
        if (result.IsFailure) return result.Error.ToProblem(response);
        return TypedResults.Ok(result.Value);
    }
}
