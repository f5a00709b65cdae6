using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Oidc.UnlinkOidcIdentity;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Oidc;

namespace PasswordManager.Api.Auth.Oidc.UnlinkOidcIdentity;

internal static class UnlinkOidcIdentityEndpoint
{
    internal static RouteHandlerBuilder MapUnlinkOidcIdentity(this RouteGroupBuilder group) =>
        group.MapDelete("/oidc/identities/{identityId:guid}", HandleAsync)
            .WithName("Auth.UnlinkOidcIdentity")
            .WithSummary("Unlinks one of the caller's OpenID identities (another user's answers 404).")
            .ProducesErrors(typeof(OidcIdentityNotFound));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid identityId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new UnlinkOidcIdentityCommand(user.Id, identityId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
