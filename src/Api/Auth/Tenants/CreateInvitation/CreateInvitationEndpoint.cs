using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Tenants.CreateInvitation;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Auth;

namespace PasswordManager.Api.Auth.Tenants.CreateInvitation;

internal sealed record CreateInvitationRequest(TenantRole Role = TenantRole.Member);

internal static class CreateInvitationEndpoint
{
    internal static RouteHandlerBuilder MapCreateInvitation(this RouteGroupBuilder group) =>
        group.MapPost("/invitations", HandleAsync)
            .WithName("Auth.CreateInvitation")
            .WithSummary("Creates a single-use registration code for the caller's tenant (tenant admins).")
            .ProducesErrors(typeof(InvitationNotAllowed));

    private static async Task<Results<Created<CreateInvitationResult>, ProblemHttpResult>> HandleAsync(
        CreateInvitationRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CreateInvitationCommand(user.Id, user.TenantId, user.Role, request.Role), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/tenant/invitations/{result.Value.Id}", result.Value);
    }
}
