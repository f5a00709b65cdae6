using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption.Contexts;
using PasswordManager.Application.Encryption.Contexts.DestroyVersion;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Contexts;

internal static class DestroyVersionEndpoint
{
    internal static RouteHandlerBuilder MapDestroyVersion(this RouteGroupBuilder group) =>
        group.MapDelete("/{encryptionId}/versions/{version:int}", HandleAsync)
            .WithName("Encryption.DestroyVersion")
            .WithSummary("Erases a key version for good; only a disabled version below the minimum decryption version that no registered field uses.")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(KeyVersionNotFound), typeof(KeyVersionIsLatest), typeof(KeyVersionNotDestroyable), typeof(KeyVersionStillInUse));

    private static async Task<Results<Ok<ContextDetails>, ProblemHttpResult>> HandleAsync(
        string encryptionId, int version, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DestroyVersionCommand(user.TenantId, encryptionId, version), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
