using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Vault.History;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Attachments.DeleteAttachment;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Attachments.DeleteAttachment;

internal static class DeleteAttachmentEndpoint
{
    internal static RouteHandlerBuilder MapDeleteAttachment(this RouteGroupBuilder group) =>
        group.MapDelete("/{vaultId:guid}/entries/{entryId:guid}/attachments/{attachmentId:guid}", HandleAsync)
            .WithName("Vault.DeleteAttachment")
            .WithSummary("Deletes (tombstones) the attachment; answers its tombstone with the new revision.")
            .ProducesErrors(typeof(VaultNotFound), typeof(WriteForbidden), typeof(EntryNotFound), typeof(AttachmentNotFound),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<Ok<AttachmentState>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, Guid attachmentId, string? history, [FromHeader(Name = HistoryRecordHeader.Name)] string? historyHeader, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DeleteAttachmentCommand(user.Id, vaultId, entryId, attachmentId, historyHeader ?? history), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
