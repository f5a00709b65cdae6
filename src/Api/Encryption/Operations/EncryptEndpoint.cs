using System.Text.Json.Serialization;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Api.Common.Responses;
using PasswordManager.Api.Common.Validation;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption;
using PasswordManager.Application.Encryption.Operations;
using PasswordManager.Application.Encryption.Operations.Encrypt;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Operations;

internal sealed record EncryptRequest(
    string EncryptionId, [property: JsonConverter(typeof(PlaintextJsonConverter))] Plaintext? Data, Guid? EncryptionVersionId);

internal sealed record EncryptBatchRequest(string EncryptionId, IReadOnlyList<EncryptBatchItem?>? Items, Guid? EncryptionVersionId);

internal sealed record EncryptBatchItem([property: JsonConverter(typeof(PlaintextJsonConverter))] Plaintext? Data);

internal static class EncryptEndpoint
{
    internal static void MapEncrypt(this RouteGroupBuilder group)
    {
        group.MapPost("/encrypt", HandleAsync)
            .WithName("Encryption.Encrypt")
            .WithSummary("Encrypts base64 data with AES-256-GCM under the context's newest (or the named) key version.")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(KeyVersionNotFound), typeof(KeyVersionDisabled), typeof(KeyVersionDestroyed), typeof(KeyVersionRetired), typeof(MasterKeyRequired), typeof(MasterKeyNotExpected), typeof(MasterKeyMismatch));
        group.MapPost("/encrypt/batch", HandleBatchAsync)
            .WithName("Encryption.EncryptBatch")
            .WithSummary("Encrypts up to 1,000 items under one context in one call (all or nothing).")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(KeyVersionNotFound), typeof(KeyVersionDisabled), typeof(KeyVersionDestroyed), typeof(KeyVersionRetired), typeof(MasterKeyRequired), typeof(MasterKeyNotExpected), typeof(MasterKeyMismatch))
            .AsBatch();
    }

    private static async Task<Results<OkWithLength<CipherItem>, ProblemHttpResult>> HandleAsync(
        JsonBody<EncryptRequest> body, [FromHeader(Name = EncryptionAccess.MasterKeyHeader)] string? masterKey,
        ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var request = body.Value;
        using var data = request.Data;
        var result = await sender.Send(
            new EncryptCommand(user.TenantId, request.EncryptionId, [data], request.EncryptionVersionId, masterKey), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return new OkWithLength<CipherItem>(result.Value.Items[0]);
    }

    private static async Task<Results<OkWithLength<EncryptResult>, ProblemHttpResult>> HandleBatchAsync(
        JsonBody<EncryptBatchRequest> body, [FromHeader(Name = EncryptionAccess.MasterKeyHeader)] string? masterKey,
        ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var request = body.Value;
        var items = request.Items?.Select(i => i?.Data).ToList() ?? [];
        try
        {
            var result = await sender.Send(new EncryptCommand(user.TenantId, request.EncryptionId, items, request.EncryptionVersionId, masterKey), ct);
            if (result.IsFailure) return result.Error.ToProblem();
            return new OkWithLength<EncryptResult>(result.Value);
        }
        finally
        {
            foreach (var item in items) item?.Dispose();
        }
    }
}
