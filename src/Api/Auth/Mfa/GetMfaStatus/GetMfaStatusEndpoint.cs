using Mediator;
using PasswordManager.Application.Auth.Mfa.GetMfaStatus;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.Mfa.GetMfaStatus;

internal static class GetMfaStatusEndpoint
{
    internal static RouteHandlerBuilder MapGetMfaStatus(this RouteGroupBuilder group) =>
        group.MapGet("/mfa", HandleAsync)
            .WithName("Auth.GetMfaStatus")
            .WithSummary("Whether MFA is on (or an enrolment is pending) and how many recovery codes remain.");

    private static async Task<MfaStatus> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetMfaStatusQuery(user.Id), ct);
}
