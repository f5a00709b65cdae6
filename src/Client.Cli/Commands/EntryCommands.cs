using System.CommandLine;
using System.Globalization;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Sdk.Vault;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm add, get, edit, rm, list and history: entries are encrypted and decrypted here, the server sees ciphertexts.</summary>
internal static class EntryCommands
{
    private static readonly Option<string?> nameOption = new("--name", "-n") { Description = "Entry name" };
    private static readonly Option<string?> usernameOption = new("--username", "-u") { Description = "Login username" };
    private static readonly Option<string?> urlOption = new("--url") { Description = "Website address" };
    private static readonly Option<string?> notesOption = new("--notes") { Description = "Free-text notes" };
    private static readonly Option<bool> showPasswordOption = new("--show-password", "-s") { Description = "Print the password" };
    private static readonly Argument<string> entryArgument = new("ENTRY") { Description = "Entry name or id (or id prefix)" };

    public static IEnumerable<Command> Create() => [Add(), Get(), Edit(), Remove(), List(), History()];

    private static Command Add()
    {
        var noPassword = new Option<bool>("--no-password") { Description = "Store the entry without a password" };
        var command = new Command("add", "Add an entry (password generated, read from stdin, or asked without echo)")
        {
            VaultCommandRunner.VaultOption, nameOption, usernameOption, urlOption, notesOption,
            VaultCommandRunner.GenerateOption, VaultCommandRunner.LengthOption, VaultCommandRunner.NoSymbolsOption,
            VaultCommandRunner.EntryPasswordStdinOption, noPassword,
        };
        command.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var name = parse.GetValue(nameOption);
            if (string.IsNullOrWhiteSpace(name)) throw CliException.Usage("Missing --name.");
            // Every input is read before the personal vault may be created, so a refused command changes nothing.
            var password = parse.GetValue(noPassword) ? null : VaultCommandRunner.ReadEntryPassword(context, prompt: true);
            var vault = await session.ResolveVaultAsync(parse.GetValue(VaultCommandRunner.VaultOption), createPersonal: true, token);
            var data = new EntryData
            {
                Name = name.Trim(),
                Username = parse.GetValue(usernameOption),
                Password = password,
                Url = parse.GetValue(urlOption),
                Notes = parse.GetValue(notesOption),
            };

            var saved = await session.Operations.AddEntryAsync(vault.VaultId, data, token);
            await session.RecordAsync(saved, token);
            var generated = parse.GetValue(VaultCommandRunner.GenerateOption);
            context.Output.Result(
                new { saved.EntryId, saved.VaultId, vault = vault.Name, saved.Version, name = data.Name },
                console =>
                {
                    console.MarkupLine($"Added [bold]{Markup.Escape(data.Name)}[/] to {Markup.Escape(vault.Name)} ({saved.EntryId}).");
                    if (generated) console.MarkupLine($"A password was generated. Show it with: pm get {Markup.Escape(Shell.Quote(data.Name))} --show-password");
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get()
    {
        var command = new Command("get", "Show an entry (the password only with --show-password)") { entryArgument, VaultCommandRunner.VaultOption, showPasswordOption };
        command.SetVaultAction(async (context, session, token) =>
        {
            var entry = await ResolveAsync(context, session, token);
            var decrypted = session.Operations.Decrypt(entry);
            var show = context.ParseResult.GetValue(showPasswordOption);
            var data = decrypted.Data;
            var payload = new
            {
                decrypted.EntryId,
                decrypted.VaultId,
                vault = session.VaultName(decrypted.VaultId),
                decrypted.Version,
                decrypted.UpdatedAt,
                data.Name,
                data.Username,
                password = show ? data.Password : null,
                hasPassword = data.Password is not null,
                data.Url,
                data.Urls,
                data.Notes,
                data.Type,
                data.Folder,
                data.Favorite,
                totp = show ? data.Totp : null,
                hasTotp = data.Totp is not null,
                fields = data.Fields?.Select(f => new { f.Name, f.Type, value = show || f.Type != EntryField.HiddenType ? f.Value : null }).ToList(),
            };
            context.Output.Result(payload, console =>
            {
                var grid = new Grid().AddColumn().AddColumn();
                grid.AddRow("Name", $"[bold]{Markup.Escape(data.Name)}[/]");
                if (data.Type != EntryData.LoginType) grid.AddRow("Type", Markup.Escape(data.Type));
                grid.AddRow("Username", Markup.Escape(data.Username ?? "-"));
                grid.AddRow("Password", data.Password is null ? "-" : show ? Markup.Escape(data.Password) : "******** (--show-password)");
                grid.AddRow("URL", Markup.Escape(data.Url ?? "-"));
                foreach (var url in data.Urls ?? []) grid.AddRow("", Markup.Escape(url));
                if (data.Totp is not null) grid.AddRow("TOTP", show ? Markup.Escape(data.Totp) : "******** (--show-password)");
                foreach (var field in data.Fields ?? [])
                {
                    var hidden = field.Type == EntryField.HiddenType && !show;
                    grid.AddRow(Markup.Escape(field.Name), hidden ? "******** (--show-password)" : Markup.Escape(field.Value ?? "-"));
                }

                if (data.Folder is not null) grid.AddRow("Folder", Markup.Escape(data.Folder));
                grid.AddRow("Notes", Markup.Escape(data.Notes ?? "-"));
                grid.AddRow("Vault", Markup.Escape(payload.vault));
                grid.AddRow("Id", decrypted.EntryId.ToString());
                grid.AddRow("Version", decrypted.Version.ToString(CultureInfo.InvariantCulture) + ", " + Local(decrypted.UpdatedAt));
                console.Write(grid);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Edit()
    {
        var promptPassword = new Option<bool>("--prompt-password") { Description = "Ask for a new entry password without echo" };
        var command = new Command("edit", "Change an entry; only the given fields change (409 if it changed elsewhere: sync and retry)")
        {
            entryArgument, VaultCommandRunner.VaultOption, nameOption, usernameOption, urlOption, notesOption,
            VaultCommandRunner.GenerateOption, VaultCommandRunner.LengthOption, VaultCommandRunner.NoSymbolsOption,
            VaultCommandRunner.EntryPasswordStdinOption, promptPassword,
        };
        command.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var entry = await ResolveAsync(context, session, token);
            var current = session.Operations.Decrypt(entry).Data;
            var password = VaultCommandRunner.ReadEntryPassword(context, prompt: parse.GetValue(promptPassword));
            var updated = current with
            {
                Name = parse.GetValue(nameOption)?.Trim() is { Length: > 0 } name ? name : current.Name,
                Username = parse.GetValue(usernameOption) ?? current.Username,
                Password = password ?? current.Password,
                Url = parse.GetValue(urlOption) ?? current.Url,
                Notes = parse.GetValue(notesOption) ?? current.Notes,
            };
            if (updated == current && password is null) throw CliException.Usage("Nothing to change: pass --name, --username, --url, --notes or a new password.");

            var saved = await session.Operations.UpdateEntryAsync(entry.VaultId, entry.EntryId, entry.Version, updated, token);
            await session.RecordAsync(saved, token);
            context.Output.Result(
                new { saved.EntryId, saved.VaultId, saved.Version, previousVersion = entry.Version },
                console => console.MarkupLine($"Updated [bold]{Markup.Escape(updated.Name)}[/] (version {saved.Version})."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var command = new Command("rm", "Delete an entry (kept in its history; 409 if it changed elsewhere: sync and retry)") { entryArgument, VaultCommandRunner.VaultOption };
        command.SetVaultAction(async (context, session, token) =>
        {
            var entry = await ResolveAsync(context, session, token);
            var name = session.Operations.Decrypt(entry).Data.Name;
            var saved = await session.Operations.DeleteEntryAsync(entry.VaultId, entry.EntryId, entry.Version, token);
            await session.RecordAsync(saved, token);
            context.Output.Result(
                new { saved.EntryId, saved.VaultId, saved.Version, deleted = true },
                console => console.MarkupLine($"Deleted [bold]{Markup.Escape(name)}[/] ({saved.EntryId})."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List entries (names and usernames; never passwords)") { VaultCommandRunner.VaultOption };
        command.SetVaultAction(async (context, session, token) =>
        {
            Guid? vaultId = context.ParseResult.GetValue(VaultCommandRunner.VaultOption) is { } reference
                ? (await session.ResolveVaultAsync(reference, createPersonal: false, token)).VaultId
                : null;
            var vaults = session.Vaults().Vaults.ToDictionary(v => v.VaultId, v => v.Name);
            var items = new List<ListedEntry>();
            foreach (var entry in session.Cache.LiveEntries(vaultId).Where(e => vaults.ContainsKey(e.VaultId)))
            {
                var data = session.Operations.Decrypt(entry).Data;
                items.Add(new ListedEntry(entry.EntryId, entry.VaultId, vaults[entry.VaultId], data.Name, data.Username, data.Url, entry.Version, entry.UpdatedAt));
            }

            items.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));
            context.Output.Result(new { items }, console =>
            {
                var table = new RecordTable("Name", "Username", "URL", "Vault", "Id", "Version");
                foreach (var item in items)
                {
                    table.AddRow(
                        Markup.Escape(item.Name), Markup.Escape(item.Username ?? ""), Markup.Escape(item.Url ?? ""), Markup.Escape(item.Vault),
                        item.EntryId.ToString(), item.Version.ToString(CultureInfo.InvariantCulture));
                }

                table.Footer = $"{Plural.Of(items.Count, "entry", "entries")}.";

                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command History()
    {
        var version = new Option<long?>("--at") { Description = "Show the content of this kept version" };
        var command = new Command("history", "List an entry's kept previous versions, or show one with --at N") { entryArgument, VaultCommandRunner.VaultOption, version, showPasswordOption };
        command.SetVaultAction(async (context, session, token) =>
        {
            var entry = await ResolveAsync(context, session, token);
            if (context.ParseResult.GetValue(version) is { } wanted)
            {
                var old = await session.Operations.GetVersionAsync(entry.VaultId, entry.EntryId, wanted, token);
                var show = context.ParseResult.GetValue(showPasswordOption);
                var data = old.Data;
                context.Output.Result(
                    new { old.EntryId, old.Version, old.UpdatedAt, data.Name, data.Username, password = show ? data.Password : null, data.Url, data.Notes },
                    console =>
                    {
                        var grid = new Grid().AddColumn().AddColumn();
                        grid.AddRow("Version", $"{old.Version} of {entry.Version}, {Local(old.UpdatedAt)}");
                        grid.AddRow("Name", Markup.Escape(data.Name));
                        grid.AddRow("Username", Markup.Escape(data.Username ?? "-"));
                        grid.AddRow("Password", data.Password is null ? "-" : show ? Markup.Escape(data.Password) : "******** (--show-password)");
                        grid.AddRow("URL", Markup.Escape(data.Url ?? "-"));
                        grid.AddRow("Notes", Markup.Escape(data.Notes ?? "-"));
                        console.Write(grid);
                    });
                return ExitCodes.Ok;
            }

            var versions = await session.Operations.ListHistoryAsync(entry.VaultId, entry.EntryId, token);
            context.Output.Result(
                new { entry.EntryId, currentVersion = entry.Version, versions },
                console =>
                {
                    var table = new RecordTable("Version", "Saved", "Size");
                    table.AddRow($"{entry.Version} (current)", Local(entry.UpdatedAt), "");
                    foreach (var kept in versions)
                        table.AddRow(kept.Version.ToString(CultureInfo.InvariantCulture), Local(kept.CreatedAt), $"{kept.Size} B");
                    table.Footer = $"Show one with: pm history {Markup.Escape(Shell.Quote(session.Operations.Decrypt(entry).Data.Name))} --at N";
                    table.WriteTo(console);
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<CachedEntry> ResolveAsync(CliContext context, VaultSession session, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        Guid? vaultId = parse.GetValue(VaultCommandRunner.VaultOption) is { } reference
            ? (await session.ResolveVaultAsync(reference, createPersonal: false, cancellationToken)).VaultId
            : null;
        return session.ResolveEntry(parse.GetValue(entryArgument)!, vaultId);
    }

    private static string Local(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private sealed record ListedEntry(Guid EntryId, Guid VaultId, string Vault, string Name, string? Username, string? Url, long Version, DateTimeOffset UpdatedAt);
}
