using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Attachments.ListAttachments;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Attachments.ListAttachments;

internal static class ListAttachmentsEndpoint
{
    internal static RouteHandlerBuilder MapListAttachments(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/entries/{entryId:guid}/attachments", HandleAsync)
            .WithName("Vault.ListAttachments")
            .WithSummary("The live attachments of an entry (metadata only), oldest first.")
            .ProducesErrors(typeof(VaultNotFound), typeof(EntryNotFound));

    private static async Task<Results<Ok<ListAttachmentsResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListAttachmentsQuery(user.Id, vaultId, entryId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
