using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption;
using PasswordManager.Application.Encryption.Operations.GenerateDataKey;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Operations;

internal sealed record GenerateDataKeyRequest(string EncryptionId, bool IncludePlaintext = true);

internal static class GenerateDataKeyEndpoint
{
    internal static RouteHandlerBuilder MapGenerateDataKey(this RouteGroupBuilder group) =>
        group.MapPost("/datakey", HandleAsync)
            .WithName("Encryption.GenerateDataKey")
            .WithSummary("Returns a fresh 32-byte data key, plain (unless includePlaintext is false) and encrypted, for envelope encryption.")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(KeyVersionNotFound), typeof(KeyVersionDisabled), typeof(KeyVersionDestroyed), typeof(KeyVersionRetired), typeof(MasterKeyRequired), typeof(MasterKeyNotExpected), typeof(MasterKeyMismatch));

    private static async Task<Results<Ok<DataKeyResult>, ProblemHttpResult>> HandleAsync(
        GenerateDataKeyRequest request, [FromHeader(Name = EncryptionAccess.MasterKeyHeader)] string? masterKey,
        ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GenerateDataKeyCommand(user.TenantId, request.EncryptionId, request.IncludePlaintext, masterKey), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
