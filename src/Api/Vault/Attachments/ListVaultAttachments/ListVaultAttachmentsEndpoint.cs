using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Attachments.ListVaultAttachments;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Attachments.ListVaultAttachments;

internal static class ListVaultAttachmentsEndpoint
{
    internal static RouteHandlerBuilder MapListVaultAttachments(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/attachments", HandleAsync)
            .WithName("Vault.ListVaultAttachments")
            .WithSummary("The live attachments of the vault's live entries (metadata only) in id order; pass ?after=<next> for the following page.")
            .ProducesErrors(typeof(VaultNotFound));

    private static async Task<Results<Ok<ListVaultAttachmentsResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid? after, int? limit, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListVaultAttachmentsQuery(user.Id, vaultId, after, limit ?? 100), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
