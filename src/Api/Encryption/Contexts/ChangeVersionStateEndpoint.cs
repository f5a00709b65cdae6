using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption.Contexts;
using PasswordManager.Application.Encryption.Contexts.ChangeVersionState;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Api.Encryption.Contexts;

internal static class ChangeVersionStateEndpoint
{
    internal static void MapChangeVersionState(this RouteGroupBuilder group)
    {
        group.MapPost("/{encryptionId}/versions/{version:int}/disable", (string encryptionId, int version, ICurrentUser user, ISender sender, CancellationToken ct) =>
                HandleAsync(new ChangeVersionStateCommand(user.TenantId, encryptionId, version, Enable: false), sender, ct))
            .WithName("Encryption.DisableVersion")
            .WithSummary("Disables a key version (not the newest): it neither encrypts nor decrypts until enabled again.")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(KeyVersionNotFound), typeof(KeyVersionIsLatest), typeof(KeyVersionDestroyed));
        group.MapPost("/{encryptionId}/versions/{version:int}/enable", (string encryptionId, int version, ICurrentUser user, ISender sender, CancellationToken ct) =>
                HandleAsync(new ChangeVersionStateCommand(user.TenantId, encryptionId, version, Enable: true), sender, ct))
            .WithName("Encryption.EnableVersion")
            .WithSummary("Enables a disabled key version again.")
            .ProducesErrors(typeof(EncryptionContextNotFound), typeof(KeyVersionNotFound), typeof(KeyVersionDestroyed));
    }

    private static async Task<Results<Ok<ContextDetails>, ProblemHttpResult>> HandleAsync(
        ChangeVersionStateCommand command, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(command, ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
