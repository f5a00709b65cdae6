using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption.Contexts;
using PasswordManager.Application.Encryption.Contexts.SetMinimumDecryptionVersion;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Contexts;

internal sealed record SetMinimumDecryptionVersionRequest(int Version);

internal static class SetMinimumDecryptionVersionEndpoint
{
    internal static RouteHandlerBuilder MapSetMinimumDecryptionVersion(this RouteGroupBuilder group) =>
        group.MapPut("/{encryptionId}/min-decryption-version", HandleAsync)
            .WithName("Encryption.SetMinimumDecryptionVersion")
            .WithSummary("Retires key versions below the given one: their ciphertexts stop decrypting.")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(KeyVersionNotFound), typeof(InvalidMinimumDecryptionVersion));

    private static async Task<Results<Ok<ContextDetails>, ProblemHttpResult>> HandleAsync(
        string encryptionId, SetMinimumDecryptionVersionRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new SetMinimumDecryptionVersionCommand(user.TenantId, encryptionId, request.Version), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
