using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption;
using PasswordManager.Application.Encryption.Operations.Rotate;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Operations;

internal sealed record RotateRequest(string EncryptionId);

internal sealed record RotateResponse(Guid NewVersionId);

internal static class RotateEndpoint
{
    internal static RouteHandlerBuilder MapRotate(this RouteGroupBuilder group) =>
        group.MapPost("/rotate", HandleAsync)
            .WithName("Encryption.Rotate")
            .WithSummary("Adds a new key version; new encryptions use it, older versions keep decrypting.")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(MasterKeyRequired), typeof(MasterKeyNotExpected), typeof(MasterKeyMismatch));

    private static async Task<Results<Ok<RotateResponse>, ProblemHttpResult>> HandleAsync(
        RotateRequest request, [FromHeader(Name = EncryptionAccess.MasterKeyHeader)] string? masterKey,
        ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RotateCommand(user.TenantId, request.EncryptionId, masterKey), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(new RotateResponse(result.Value.NewVersionId));
    }
}
