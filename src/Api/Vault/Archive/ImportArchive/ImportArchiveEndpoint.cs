using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Archive.ImportArchive;
using PasswordManager.Domain.Vault;
using PasswordManager.Application.Contracts.Billing;

namespace PasswordManager.Api.Vault.Archive.ImportArchive;

internal static class ImportArchiveEndpoint
{
    internal static RouteHandlerBuilder MapImportArchive(this RouteGroupBuilder group) =>
        group.MapPost("/import", HandleAsync)
            .WithName("Vault.ImportArchive")
            .WithSummary("Restores an export of the caller's own account from an NDJSON body (application/x-ndjson), streamed.")
            .ProducesErrors(typeof(QuotaExceeded), typeof(VaultAlreadyExists), typeof(PersonalVaultExists), typeof(InvalidArchive), typeof(ArchiveOfAnotherAccount));

    private static async Task<Results<Ok<ImportArchiveResult>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ImportArchiveCommand(user.Id, user.TenantId, request.Body), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
