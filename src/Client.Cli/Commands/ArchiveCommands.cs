using System.CommandLine;
using System.Text.Json;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Import;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Vault.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>
/// pm export and pm import: the server's NDJSON archive, still encrypted (ciphertexts and encrypted keys), so
/// neither needs the master password. Restoring elsewhere: pm register --from-export FILE, pm login, pm import FILE.
/// </summary>
internal static class ArchiveCommands
{
    private const UnixFileMode ownerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static IEnumerable<Command> Create() => [Export(), Import()];

    private static Command Export()
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the archive (created 0600; must not exist)" };
        var plaintext = new Option<bool>("--plaintext") { Description = "Decrypt everything into Bitwarden-compatible JSON, to leave for another manager (asks first)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "With --plaintext: do not ask (for scripts)" };
        var command = new Command("export", "Download everything you can read, still encrypted, as an archive file; or with --plaintext, decrypted")
        {
            file, plaintext, yes, VaultSession.PasswordStdinOption,
        };
        command.SetCliAction(async (context, token) =>
        {
            var path = Path.GetFullPath(context.ParseResult.GetValue(file)!);
            if (context.ParseResult.GetValue(plaintext)) return await PlaintextExport.RunAsync(context, path, context.ParseResult.GetValue(yes), token);
            if (context.ParseResult.GetValue(yes)) throw CliException.Usage("--yes only goes with --plaintext.");
            if (File.Exists(path)) throw CliException.Usage($"{path} exists already; pm export does not overwrite files.");
            using var response = await context.Output.StatusAsync("Exporting…", () => ApiKeyCommands.ExportAsync(context, token));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = ownerReadWrite;
            try
            {
                await using (var target = new FileStream(path, options))
                await using (var body = await response.Content.ReadAsStreamAsync(token))
                {
                    await body.CopyToAsync(target, token);
                }

                var end = ReadEnd(path);
                var header = ArchiveHeader.ReadFrom(path);
                context.Output.Result(
                    new { file = path, header.Account.UserId, header.Account.Username, end.Vaults, end.Entries, end.EntryVersions, end.Attachments },
                    console => console.MarkupLine(
                        $"Exported {Plural.Of(end.Vaults, "vault", "vaults")}, {Plural.Of(end.Entries, "entry", "entries")}, {Plural.Of(end.EntryVersions, "kept version", "kept versions")} and {Plural.Of(end.Attachments, "attachment", "attachments")} of "
                        + $"[bold]{Markup.Escape(header.Account.Username)}[/] to {Markup.Escape(path)}. It is encrypted, but guard it like your vault."));
                return ExitCodes.Ok;
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "An archive written by pm export (of the account you are logged in as), or with --from another manager's export" };
        var from = new Option<string?>("--from") { Description = "Import another manager's export: bitwarden (.json/.csv), keepass (.xml/.csv), 1password (.1pux/.csv) or csv (with --map)" };
        from.AcceptOnlyFromAmong(ExternalImport.Formats);
        var map = new Option<string?>("--map") { Description = "With --from csv: TARGET=COLUMN pairs, e.g. name=Title,username=Login,password=Pass,url=Site,field.PIN=Pin" };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --from: show what would be created (and the duplicates) without sending anything" };
        var allowDuplicates = new Option<bool>("--allow-duplicates") { Description = "With --from: also import entries with the name, username and URL of an existing one" };
        var command = new Command("import", "Restore an export archive of your own account (deleted entries come back), or bring entries over from Bitwarden, KeePass, 1Password or a CSV file")
        {
            file, from, map, dryRun, allowDuplicates, VaultCommandRunner.VaultOption, VaultSession.PasswordStdinOption,
        };
        command.SetCliAction(async (context, token) =>
        {
            var parse = context.ParseResult;
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path)) throw CliException.Usage($"{path} does not exist.");
            if (parse.GetValue(from) is { } format)
            {
                return await ExternalImport.RunAsync(
                    context, format, path, parse.GetValue(map), parse.GetValue(VaultCommandRunner.VaultOption), parse.GetValue(dryRun), parse.GetValue(allowDuplicates), token);
            }

            if (parse.GetValue(map) is not null || parse.GetValue(dryRun) || parse.GetValue(allowDuplicates) || parse.GetValue(VaultCommandRunner.VaultOption) is not null)
                throw CliException.Usage("--map, --dry-run, --allow-duplicates and --vault go with --from (an archive restores as it was exported).");
            ArchiveHeader header;
            try
            {
                header = ArchiveHeader.ReadFrom(path);
            }
            catch (FormatException exception)
            {
                throw CliException.Usage(exception.Message);
            }

            var config = context.Config.Load();
            if (config.UserId is { } me && me != header.Account.UserId)
            {
                throw new CliException(
                    ExitCodes.Auth,
                    ProblemCodes.ArchiveOfAnotherAccount,
                    $"This archive belongs to {header.Account.Username} ({header.Account.UserId}), not to the account you are logged in as. "
                    + $"Restore it with: pm register --from-export {Shell.Quote(path)}, pm login, pm import {Shell.Quote(path)}.");
            }

            var onServer = (await context.Client.Vaults.ListVaultsAsync(token)).Items.Select(v => v.VaultId).ToHashSet();
            var existing = ArchiveRestore.VaultIds(path).Where(onServer.Contains).ToHashSet();
            if (existing.Count > 0) return await ArchiveRestore.RunAsync(context, path, existing, token);

            await using var stream = File.OpenRead(path);
            var result = await context.Output.StatusAsync("Importing…", () => context.Client.Vaults.ImportAsync(stream, token));
            context.Output.Result(result, console => console.MarkupLine(
                $"Imported {Plural.Of(result.Vaults, "vault", "vaults")}, {Plural.Of(result.Entries, "entry", "entries")}, {Plural.Of(result.EntryVersions, "kept version", "kept versions")} and {Plural.Of(result.Attachments, "attachment", "attachments")}. Next: pm sync"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The archive's last line must be its end record: otherwise the download was cut short.</summary>
    private static ArchiveEnd ReadEnd(string path)
    {
        string? last = null;
        foreach (var line in File.ReadLines(path)) if (line.Length > 0) last = line;
        try
        {
            using var document = JsonDocument.Parse(last ?? "{}");
            if (document.RootElement.TryGetProperty("type", out var type) && type.GetString() == "end")
                return document.RootElement.Deserialize<ArchiveEnd>(SdkJson.Options)!;
        }
        catch (JsonException)
        {
        }

        throw new CliException(ExitCodes.ServerOrNetwork, "cli.truncated_export", "The export ended without its end record (the download was cut short). Run pm export again.");
    }
}
