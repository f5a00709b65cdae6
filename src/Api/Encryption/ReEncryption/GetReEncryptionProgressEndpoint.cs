using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption.ReEncryption.GetReEncryptionProgress;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.ReEncryption;

internal static class GetReEncryptionProgressEndpoint
{
    internal static RouteHandlerBuilder MapGetReEncryptionProgress(this RouteGroupBuilder group) =>
        group.MapGet("/{encryptionId}/reencryption", HandleAsync)
            .WithName("Encryption.GetReEncryptionProgress")
            .WithSummary("Shows how far the re-encryption job has moved the context's registered fields to the newest version.")
            .ProducesErrors(typeof(EncryptionContextNotFound));

    private static async Task<Results<Ok<ReEncryptionProgress>, ProblemHttpResult>> HandleAsync(
        string encryptionId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetReEncryptionProgressQuery(user.TenantId, encryptionId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
