using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption.Contexts;
using PasswordManager.Application.Encryption.Contexts.GetContext;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Contexts;

internal static class GetContextEndpoint
{
    internal static RouteHandlerBuilder MapGetContext(this RouteGroupBuilder group) =>
        group.MapGet("/{encryptionId}", HandleAsync)
            .WithName("Encryption.GetContext")
            .WithSummary("Describes a context and its key versions (never key material); another tenant's context is 404.")
            .ProducesErrors(typeof(EncryptionContextNotFound));

    private static async Task<Results<Ok<ContextDetails>, ProblemHttpResult>> HandleAsync(
        string encryptionId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetContextQuery(user.TenantId, encryptionId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
