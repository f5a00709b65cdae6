using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption;
using PasswordManager.Application.Encryption.Operations;
using PasswordManager.Application.Encryption.Operations.Rewrap;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Operations;

internal static class RewrapEndpoint
{
    internal static void MapRewrap(this RouteGroupBuilder group)
    {
        group.MapPost("/rewrap", HandleAsync)
            .WithName("Encryption.Rewrap")
            .WithSummary("Re-encrypts a ciphertext to the context's newest key version without returning plaintext.")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(DecryptionFailed), typeof(KeyVersionNotFound), typeof(KeyVersionDisabled), typeof(KeyVersionDestroyed), typeof(KeyVersionRetired), typeof(MasterKeyRequired), typeof(MasterKeyNotExpected), typeof(MasterKeyMismatch));
        group.MapPost("/rewrap/batch", HandleBatchAsync)
            .WithName("Encryption.RewrapBatch")
            .WithSummary("Rewraps up to 1,000 ciphertexts of one context (all or nothing).")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(DecryptionFailed), typeof(KeyVersionNotFound), typeof(KeyVersionDisabled), typeof(KeyVersionDestroyed), typeof(KeyVersionRetired), typeof(MasterKeyRequired), typeof(MasterKeyNotExpected), typeof(MasterKeyMismatch))
            .AsBatch();
    }

    private static async Task<Results<Ok<CipherItem>, ProblemHttpResult>> HandleAsync(
        DecryptRequest request, [FromHeader(Name = EncryptionAccess.MasterKeyHeader)] string? masterKey,
        ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RewrapCommand(user.TenantId, request.EncryptionId, [request.ToInput()], masterKey), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value.Items[0]);
    }

    private static async Task<Results<Ok<EncryptResult>, ProblemHttpResult>> HandleBatchAsync(
        CipherBatchRequest request, [FromHeader(Name = EncryptionAccess.MasterKeyHeader)] string? masterKey,
        ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RewrapCommand(user.TenantId, request.EncryptionId, request.ToInputs(), masterKey), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
