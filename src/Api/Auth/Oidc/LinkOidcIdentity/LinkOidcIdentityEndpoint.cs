using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Oidc.LinkOidcIdentity;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Auth.Throttling;

namespace PasswordManager.Api.Auth.Oidc.LinkOidcIdentity;

internal sealed record LinkOidcIdentityRequest(string IdentityTicket, string AuthHash, string? Code, string? RecoveryCode);

internal static class LinkOidcIdentityEndpoint
{
    internal static RouteHandlerBuilder MapLinkOidcIdentity(this RouteGroupBuilder group) =>
        group.MapPost("/oidc/link", HandleAsync)
            .WithName("Auth.LinkOidcIdentity")
            .WithSummary("Links the OpenID identity of an identityTicket (from auth.oidc_identity_not_linked) to the caller's account after checking the current authHash (and a second factor with MFA on). The only way an identity joins an existing account.")
            .ProducesErrors(
                typeof(WrongMasterPassword), typeof(MfaCodeRequired), typeof(MfaCodeInvalid), typeof(LoginThrottled), typeof(SessionExpired),
                typeof(OidcIdentityTicketInvalid), typeof(OidcIdentityAlreadyLinked), typeof(SignInMethodNotAllowed));

    private static async Task<Results<Created<OidcIdentityView>, ProblemHttpResult>> HandleAsync(
        LinkOidcIdentityRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new LinkOidcIdentityCommand(user.Id, request.IdentityTicket, request.AuthHash, request.Code, request.RecoveryCode), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/auth/oidc/identities/{result.Value.Id}", result.Value);
    }
}
