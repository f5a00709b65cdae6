using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Attachments.GetAttachmentUrl;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Attachments.GetAttachmentUrl;

internal static class GetAttachmentUrlEndpoint
{
    internal static RouteHandlerBuilder MapGetAttachmentUrl(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/entries/{entryId:guid}/attachments/{attachmentId:guid}/url", HandleAsync)
            .WithName("Vault.GetAttachmentUrl")
            .WithSummary("A short-lived presigned download URL (S3 store only; otherwise 404 vault.presigned_urls_unavailable).")
            .ProducesErrors(typeof(VaultNotFound), typeof(EntryNotFound), typeof(AttachmentNotFound), typeof(PresignedUrlsUnavailable));

    private static async Task<Results<Ok<AttachmentUrl>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, Guid attachmentId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetAttachmentUrlQuery(user.Id, vaultId, entryId, attachmentId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
