using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.RekeySessions.UploadRekeyAttachment;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.RekeySessions.UploadRekeyAttachment;

internal static class UploadRekeyAttachmentEndpoint
{
    internal static RouteHandlerBuilder MapUploadRekeyAttachment(this RouteGroupBuilder group) =>
        group.MapPut(RekeySessionRoutes.Session + "/attachments/{attachmentId:guid}", HandleAsync)
            .WithName("Vault.UploadRekeyAttachment")
            .WithSummary("Stages a live attachment's body re-encrypted under the new key (application/octet-stream, streamed).")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(RekeySessionNotFound), typeof(AttachmentNotFound), typeof(AttachmentEmpty), typeof(AttachmentTooLarge))
            .Accepts<Stream>("application/octet-stream");

    private static async Task<Results<Ok<UploadRekeyAttachmentResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid sessionId, Guid attachmentId, HttpRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new UploadRekeyAttachmentCommand(user.Id, vaultId, sessionId, attachmentId, request.Body), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
