using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption;
using PasswordManager.Application.Encryption.Operations;
using PasswordManager.Application.Encryption.Operations.Decrypt;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Operations;

internal sealed record DecryptRequest(string EncryptionId, string? CipherText, Guid EncryptionVersionId, CipherMetadata? Metadata)
{
    internal CipherInput ToInput() => new(CipherText!, EncryptionVersionId, Metadata);
}

internal sealed record CipherBatchRequest(string EncryptionId, IReadOnlyList<CipherBatchItem?>? Items)
{
    internal List<CipherInput> ToInputs() =>
        Items?.Select(i => i is null ? null! : new CipherInput(i.CipherText!, i.EncryptionVersionId, i.Metadata)).ToList() ?? [];
}

internal sealed record CipherBatchItem(string? CipherText, Guid EncryptionVersionId, CipherMetadata? Metadata);

internal sealed record DecryptResponse(string Data);

internal sealed record DecryptBatchResponse(IReadOnlyList<DecryptResponse> Items);

internal static class DecryptEndpoint
{
    internal static void MapDecrypt(this RouteGroupBuilder group)
    {
        group.MapPost("/decrypt", HandleAsync)
            .WithName("Encryption.Decrypt")
            .WithSummary("Decrypts a ciphertext of this tenant's context; any mismatch is a 4xx and returns no data.")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(DecryptionFailed), typeof(KeyVersionNotFound), typeof(KeyVersionDisabled), typeof(KeyVersionDestroyed), typeof(KeyVersionRetired), typeof(MasterKeyRequired), typeof(MasterKeyNotExpected), typeof(MasterKeyMismatch));
        group.MapPost("/decrypt/batch", HandleBatchAsync)
            .WithName("Encryption.DecryptBatch")
            .WithSummary("Decrypts up to 1,000 ciphertexts of one context (all or nothing).")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(DecryptionFailed), typeof(KeyVersionNotFound), typeof(KeyVersionDisabled), typeof(KeyVersionDestroyed), typeof(KeyVersionRetired), typeof(MasterKeyRequired), typeof(MasterKeyNotExpected), typeof(MasterKeyMismatch))
            .AsBatch();
    }

    private static async Task<Results<Ok<DecryptResponse>, ProblemHttpResult>> HandleAsync(
        DecryptRequest request, [FromHeader(Name = EncryptionAccess.MasterKeyHeader)] string? masterKey,
        ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DecryptCommand(user.TenantId, request.EncryptionId, [request.ToInput()], masterKey), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(new DecryptResponse(result.Value.Items[0]));
    }

    private static async Task<Results<Ok<DecryptBatchResponse>, ProblemHttpResult>> HandleBatchAsync(
        CipherBatchRequest request, [FromHeader(Name = EncryptionAccess.MasterKeyHeader)] string? masterKey,
        ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DecryptCommand(user.TenantId, request.EncryptionId, request.ToInputs(), masterKey), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(new DecryptBatchResponse([.. result.Value.Items.Select(d => new DecryptResponse(d))]));
    }
}
