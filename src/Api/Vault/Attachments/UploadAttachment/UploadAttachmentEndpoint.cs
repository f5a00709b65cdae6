using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Vault.History;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Attachments.UploadAttachment;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Application.Contracts.Billing;

namespace PasswordManager.Api.Vault.Attachments.UploadAttachment;

internal static class UploadAttachmentEndpoint
{
    internal const string ContentType = "application/octet-stream";

    internal static RouteHandlerBuilder MapUploadAttachment(this RouteGroupBuilder group) =>
        group.MapPut("/{vaultId:guid}/entries/{entryId:guid}/attachments/{attachmentId:guid}", HandleAsync)
            .WithName("Vault.UploadAttachment")
            .WithSummary("Attaches a client-encrypted file (application/octet-stream body, streamed; ?keyEpoch=N) to a live entry; its history record (base64) in the X-History-Record header.")
            .ProducesErrors(typeof(QuotaExceeded), typeof(VaultNotFound), typeof(WriteForbidden), typeof(EntryNotFound), typeof(StaleKeyEpoch), typeof(AttachmentExists), typeof(AttachmentEmpty), typeof(AttachmentTooLarge),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord))
            .Accepts<Stream>(ContentType);

    private static async Task<Results<Created<AttachmentState>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, Guid attachmentId, long? keyEpoch, [FromHeader(Name = HistoryRecordHeader.Name)] string? history, HttpRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(
            new UploadAttachmentCommand(user.Id, vaultId, entryId, attachmentId, keyEpoch ?? 0, request.Body, history), ct);
        if (result.IsFailure) return result.Error.ToProblem();

        return TypedResults.Created($"/api/v1/vaults/{vaultId}/entries/{entryId}/attachments/{attachmentId}", result.Value);
    }
}
