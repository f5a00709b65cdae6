using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Vault.History;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members.LeaveVault;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Members.LeaveVault;

internal static class LeaveVaultEndpoint
{
    internal static RouteHandlerBuilder MapLeaveVault(this RouteGroupBuilder group) =>
        group.MapDelete("/{vaultId:guid}/members/me", HandleAsync)
            .WithName("Vault.LeaveVault")
            .WithSummary("Gives up your own access to a vault (not as its last admin).")
            .ProducesErrors(typeof(VaultNotFound), typeof(SoleAdmin), typeof(OwnerProtected),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid vaultId, string? history, [FromHeader(Name = HistoryRecordHeader.Name)] string? historyHeader, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new LeaveVaultCommand(user.Id, vaultId, historyHeader ?? history), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
