using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption;
using PasswordManager.Application.Encryption.Contexts;
using PasswordManager.Application.Encryption.Contexts.CreateContext;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Contexts;

internal sealed record CreateContextRequest(string EncryptionId);

internal static class CreateContextEndpoint
{
    internal static RouteHandlerBuilder MapCreateContext(this RouteGroupBuilder group) =>
        group.MapPost("", HandleAsync)
            .WithName("Encryption.CreateContext")
            .WithSummary("Creates an encryption context with key version 1 (wrapped by X-Master-Key when sent, else by the platform key).")
            .ProducesErrors(typeof(EncryptionContextExists), typeof(MasterKeyRequired), typeof(MasterKeyNotExpected), typeof(MasterKeyMismatch));

    private static async Task<Results<Created<ContextDetails>, ProblemHttpResult>> HandleAsync(
        CreateContextRequest request, [FromHeader(Name = EncryptionAccess.MasterKeyHeader)] string? masterKey,
        ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CreateContextCommand(user.TenantId, request.EncryptionId, masterKey), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/v1/encryptions/{result.Value.EncryptionId}", result.Value);
    }
}
