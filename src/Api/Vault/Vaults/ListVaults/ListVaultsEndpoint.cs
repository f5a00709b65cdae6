using Mediator;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Vaults.ListVaults;

namespace PasswordManager.Api.Vault.Vaults.ListVaults;

internal static class ListVaultsEndpoint
{
    internal static RouteHandlerBuilder MapListVaults(this RouteGroupBuilder group) =>
        group.MapGet("", HandleAsync)
            .WithName("Vault.ListVaults")
            .WithSummary("Lists the vaults the caller can access, each with the caller's own access record.");

    private static async Task<ListVaultsResult> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await sender.Send(new ListVaultsQuery(user.Id), ct);
}
