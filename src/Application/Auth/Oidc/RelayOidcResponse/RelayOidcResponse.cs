using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Oidc.RelayOidcResponse;

/// <summary>
/// A provider's <c>form_post</c> answer (Apple) arrives at the server; the browser is sent on to the loopback address of
/// the device that started the sign-in, with the same code and state. Nothing is spent here: the device completes as
/// with any provider. An unknown or used state gets no redirect, so the callback cannot be used as an open redirector.
/// </summary>
public sealed record RelayOidcResponseCommand(string State, string? Code, string? Error) : ICommand<Result<Uri>>;

public sealed class RelayOidcResponseCommandHandler(IAuthDbContext db, TimeProvider clock) : ICommandHandler<RelayOidcResponseCommand, Result<Uri>>
{
    public async ValueTask<Result<Uri>> Handle(RelayOidcResponseCommand command, CancellationToken cancellationToken)
    {
        var stateHash = OpaqueToken.Hash(command.State);
        var signIn = await db.OidcSignIns.AsNoTracking().SingleOrDefaultAsync(s => s.StateHash == stateHash, cancellationToken);
        if (signIn is null || !signIn.IsUsable(clock.GetUtcNow())) return new OidcSignInInvalid();

        var parameters = new List<KeyValuePair<string, string>> { new("state", command.State) };
        if (command.Code is not null) parameters.Add(new("code", command.Code));
        if (command.Error is not null) parameters.Add(new("error", command.Error));
        return OidcRelay.ToDevice(signIn.ClientRedirectUri, parameters);
    }
}
