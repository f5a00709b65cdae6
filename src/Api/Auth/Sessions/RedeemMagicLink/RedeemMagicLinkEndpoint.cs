using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Application.Auth.Sessions.RedeemMagicLink;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;

namespace PasswordManager.Api.Auth.Sessions.RedeemMagicLink;

internal sealed record RedeemMagicLinkRequest(string Token, string Verifier);

internal static class RedeemMagicLinkEndpoint
{
    internal static RouteHandlerBuilder MapRedeemMagicLink(this RouteGroupBuilder group) =>
        group.MapPost("/magic-link/redeem", HandleAsync)
            .WithName("Auth.RedeemMagicLink")
            .WithSummary("Exchanges the mailed token and the requesting device's verifier for a session on that device, like a password login (with MFA on: auth.mfa_required and a ticket for /login/mfa). The token works once; unlocking still needs the master password.")
            .ProducesErrors(typeof(MagicLinkInvalid), typeof(MfaRequired), typeof(AccountDisabled), typeof(TenantSuspended), typeof(SignInMethodNotAllowed), typeof(MfaEnrolmentRequired));

    private static async Task<Results<Ok<LoginResult>, ProblemHttpResult>> HandleAsync(
        RedeemMagicLinkRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(new RedeemMagicLinkCommand(request.Token, request.Verifier), ct);
        if (result.IsFailure) return result.Error.ToProblem(response);
        return TypedResults.Ok(result.Value);
    }
}
