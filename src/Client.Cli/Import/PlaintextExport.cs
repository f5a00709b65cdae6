using System.Text.Json;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Import;

/// <summary>
/// pm export --plaintext FILE: every entry this account can read, decrypted, as Bitwarden's unencrypted JSON, so
/// that a user can leave. Only after an explicit yes; the file is written 0600 under a temporary name and renamed
/// into place once complete, so no partial or world-readable copy is ever visible under FILE.
/// </summary>
internal static class PlaintextExport
{
    private static readonly JsonSerializerOptions indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(CliContext context, string path, bool yes, CancellationToken cancellationToken)
    {
        if (File.Exists(path)) throw CliException.Usage($"{path} exists already; pm export does not overwrite files.");
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory)) throw CliException.Usage($"{directory} does not exist.");
        context.Output.Warn($"{path} will hold every password, TOTP seed and note of your vaults in clear text. Anyone who can read it can read them: delete it once imported elsewhere.");
        if (!yes)
        {
            if (!Output.CanPrompt)
                throw CliException.Usage("pm export --plaintext writes your secrets unencrypted. Pass --yes to confirm when there is no terminal to ask on.");
            if (!context.Output.Stderr.Prompt(new ConfirmationPrompt("Write the unencrypted export?") { DefaultValue = false }))
                throw new CliException(ExitCodes.Cancelled, "cli.cancelled", "Cancelled; nothing was written.");
        }

        using var session = await VaultSession.OpenAsync(context, cancellationToken);
        await context.Output.StatusAsync("Syncing…", async () => { await session.SyncQuietlyAsync(cancellationToken); return true; });
        var vaults = session.Vaults().Vaults.ToDictionary(v => v.VaultId);
        var entries = new List<(Guid, DateTimeOffset, EntryData)>();
        foreach (var entry in session.Cache.LiveEntries().Where(e => vaults.ContainsKey(e.VaultId)).OrderBy(e => e.UpdatedAt))
        {
            var data = session.Operations.Decrypt(entry).Data;
            var vault = vaults[entry.VaultId];
            if (data.Folder is null && vault.Kind != VaultKind.Personal) data = data with { Folder = vault.Name };
            entries.Add((entry.EntryId, entry.UpdatedAt, data));
        }

        var document = BitwardenFormat.Write(entries);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.pm-partial");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await JsonSerializer.SerializeAsync(stream, document, indented, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        context.Output.Result(
            new { file = path, entries = entries.Count, format = "bitwarden-json", encrypted = false },
            console => console.MarkupLine($"Wrote {Plural.Of(entries.Count, "entry", "entries")} [bold]unencrypted[/] to {Markup.Escape(path)} (Bitwarden JSON, mode 0600)."));
        return ExitCodes.Ok;
    }
}
