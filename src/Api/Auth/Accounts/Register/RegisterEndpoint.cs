using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.Register;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Oidc;

namespace PasswordManager.Api.Auth.Accounts.Register;

internal sealed record RegisterRequest(
    Guid UserId,
    string Username,
    string? Email,
    string AuthHash,
    KdfParameters Kdf,
    string KdfSalt,
    string EncryptedUserKey,
    string EncryptedPrivateKeys,
    string PublicKeyBundle,
    string? PasswordHint,
    string? InvitationCode,
    string? OidcIdentityTicket)
{
    internal RegisterCommand ToCommand() => new(
        UserId, Username, Email, AuthHash, Kdf, KdfSalt, EncryptedUserKey, EncryptedPrivateKeys, PublicKeyBundle, PasswordHint, InvitationCode,
        OidcIdentityTicket);
}

internal static class RegisterEndpoint
{
    internal static RouteHandlerBuilder MapRegister(this RouteGroupBuilder group) =>
        group.MapPost("/register", HandleAsync)
            .WithName("Auth.Register")
            .WithSummary("Creates an account from client-generated key material (all keys opaque, base64). With oidcIdentityTicket (from auth.oidc_identity_not_linked) the OpenID identity is linked to the new account.")
            .ProducesErrors(typeof(UsernameUnavailable), typeof(UsernameReserved), typeof(RegistrationClosed), typeof(InvitationRequired), typeof(InvitationInvalid),
                typeof(OidcIdentityTicketInvalid), typeof(OidcIdentityAlreadyLinked), typeof(SignInMethodNotAllowed));

    private static async Task<Results<Created<RegisterResult>, ProblemHttpResult>> HandleAsync(
        RegisterRequest request, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(request.ToCommand(), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created("/api/v1/auth/account", result.Value);
    }
}
