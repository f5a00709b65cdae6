using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Invitations.ListMyInvitations;

namespace PasswordManager.Api.Vault.Invitations.ListMyInvitations;

internal static class ListMyInvitationsEndpoint
{
    internal static RouteHandlerBuilder MapListMyInvitations(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/vault-invitations", HandleAsync)
            .WithTags("Vault")
            .RequireAuthorization()
            .WithName("Vault.ListMyInvitations")
            .WithSummary("Invitations addressed to you (by username or email) with the vault id and status.");

    private static async Task<Ok<ListMyInvitationsResult>> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListMyInvitationsQuery(user.Id), ct));
}
