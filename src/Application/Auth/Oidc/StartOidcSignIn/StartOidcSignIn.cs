using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mediator;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Oidc.StartOidcSignIn;

/// <summary>
/// Starts an authorization code + PKCE sign-in at a provider for a device listening on a loopback address (RFC 8252).
/// The server keeps the nonce and the PKCE verifier it shows the provider; the device keeps its own verifier, whose S256
/// challenge it sends here, so only the device that started can complete. Nothing here says whether any account exists.
/// </summary>
public sealed record StartOidcSignInCommand(string Provider, string RedirectUri, string VerifierChallenge, DeviceInfo Device)
    : ICommand<Result<StartOidcSignInResult>>;

public sealed record StartOidcSignInResult(Uri AuthorizationUrl, string State, DateTimeOffset ExpiresAt);

public sealed class StartOidcSignInCommandHandler(
    IAuthDbContext db, IOidcProviders providers, OidcRelay relay, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<StartOidcSignInCommand, Result<StartOidcSignInResult>>
{
    public async ValueTask<Result<StartOidcSignInResult>> Handle(StartOidcSignInCommand command, CancellationToken cancellationToken)
    {
        if (providers.Find(command.Provider) is not { } provider) return new OidcProviderUnknown();
        var now = clock.GetUtcNow();
        var state = OpaqueToken.Generate();
        var nonce = OpaqueToken.Generate();
        var codeVerifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var codeChallenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
        var providerRedirect = provider.FormPost ? relay.CallbackUri : command.RedirectUri;

        var signIn = OidcSignIn.Start(
            OpaqueToken.Hash(state), provider.Name, nonce, codeVerifier, providerRedirect, command.RedirectUri,
            Base64Url.DecodeFromChars(command.VerifierChallenge), command.Device.Id, command.Device.Name.Trim(), command.Device.Type,
            now, policy.OidcSignInLifetime);
        var url = await providers.AuthorizationUrlAsync(provider, new OidcAuthorizationRequest(providerRedirect, state, nonce, codeChallenge), cancellationToken);
        db.OidcSignIns.Add(signIn);
        await db.SaveChangesAsync(cancellationToken);
        return new StartOidcSignInResult(url, state, signIn.ExpiresAt);
    }
}
