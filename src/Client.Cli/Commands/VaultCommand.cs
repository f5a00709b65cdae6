using System.CommandLine;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class VaultCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The vault's name (encrypted; only members can read it)" };
        var create = new Command("create", "Create a vault (its key is generated here, wrapped for you and signed by you)") { name };
        create.SetVaultAction(async (context, session, token) =>
        {
            var vaultName = context.ParseResult.GetValue(name);
            if (string.IsNullOrWhiteSpace(vaultName)) throw CliException.Usage("The vault name must not be empty.");
            var vault = await session.Operations.CreateVaultAsync(vaultName, VaultKind.Shared, token);
            await session.SyncQuietlyAsync(token);
            context.Output.Result(vault, console => console.MarkupLine($"Created vault [bold]{Markup.Escape(vault.Name)}[/] ({vault.VaultId})."));
            return ExitCodes.Ok;
        });

        var list = new Command("list", "List the vaults you can open");
        list.SetVaultAction((context, session, _) =>
        {
            var listing = session.Vaults();
            var items = listing.Vaults.Select(v => new
            {
                v.VaultId,
                v.Name,
                v.Kind,
                v.Permission,
                v.KeyEpoch,
                Entries = session.Cache.LiveEntries(v.VaultId).Count(),
            }).ToList();
            context.Output.Result(new { items, skipped = listing.Skipped }, console =>
            {
                var table = new RecordTable("Name", "Id", "Kind", "Access", "Entries");
                foreach (var v in items)
                {
                    table.AddRow(Markup.Escape(v.Name), v.VaultId.ToString(), v.Kind.ToString().ToLowerInvariant(), v.Permission.ToString().ToLowerInvariant(), v.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                table.WriteTo(console);
                foreach (var skipped in listing.Skipped) context.Output.Warn($"skipped: {skipped.Reason}");
            });
            return Task.FromResult(ExitCodes.Ok);
        });

        return new Command("vault", "Create and list vaults, show and check their signed history") { create, list, VaultHistoryCommands.Status(), VaultHistoryCommands.Checkpoint() };
    }
}
