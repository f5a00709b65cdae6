using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Attachments.GetAttachment;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Attachments.GetAttachment;

internal static class GetAttachmentEndpoint
{
    internal static RouteHandlerBuilder MapGetAttachment(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/entries/{entryId:guid}/attachments/{attachmentId:guid}", HandleAsync)
            .WithName("Vault.GetAttachment")
            .WithSummary("Streams the attachment's encrypted body (application/octet-stream, Content-Length, byte ranges).")
            .ProducesErrors(typeof(VaultNotFound), typeof(EntryNotFound), typeof(AttachmentNotFound))
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, Guid attachmentId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetAttachmentQuery(user.Id, vaultId, entryId, attachmentId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        // The result disposes the stream once it is sent.
        return TypedResults.Stream(result.Value.Content, "application/octet-stream", enableRangeProcessing: true);
    }
}
