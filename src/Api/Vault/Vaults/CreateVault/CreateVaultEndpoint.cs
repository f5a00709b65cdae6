using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Application.Vault.Vaults.CreateVault;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Domain.Vault;
using PasswordManager.Application.Contracts.Billing;

namespace PasswordManager.Api.Vault.Vaults.CreateVault;

/// <summary><see cref="History"/>: optional genesis record (base64), a seq-1 checkpoint naming the caller as admin (docs/crypto-format.md §21).</summary>
internal sealed record CreateVaultRequest(Guid VaultId, VaultKind Kind, string? EncryptedMetadata, string WrappedKey, string GranterSignature, string? History = null)
{
    internal CreateVaultCommand ToCommand(ICurrentUser user) =>
        new(user.Id, user.TenantId, VaultId, Kind, EncryptedMetadata, WrappedKey, GranterSignature, History);
}

internal static class CreateVaultEndpoint
{
    internal static RouteHandlerBuilder MapCreateVault(this RouteGroupBuilder group) =>
        group.MapPost("", HandleAsync)
            .WithName("Vault.CreateVault")
            .WithSummary("Creates a vault (client-generated id) with the caller as admin: the vault key wrapped for the caller and self-signed.")
            .ProducesErrors(typeof(QuotaExceeded), typeof(VaultAlreadyExists), typeof(PersonalVaultExists), typeof(InvalidHistoryRecord));

    private static async Task<Results<Created<VaultSummary>, ProblemHttpResult>> HandleAsync(
        CreateVaultRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(request.ToCommand(user), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/vaults/{result.Value.VaultId}", result.Value);
    }
}
