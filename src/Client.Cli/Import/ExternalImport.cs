using System.Globalization;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Sdk.Vault;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Import;

/// <summary>
/// pm import --from FORMAT FILE: the whole file is parsed here first (any error stops it before anything is sent),
/// duplicates are set aside, and the rest is encrypted on this device and written in batches.
/// </summary>
internal static class ExternalImport
{
    private const int BatchSize = 500;

    private const int ProgressThreshold = 100;

    public static readonly string[] Formats = ["bitwarden", "keepass", "1password", "csv"];

    public static ImportParse Parse(string format, string path, string? map)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return (format, extension) switch
            {
                ("bitwarden", ".json") => BitwardenFormat.ParseJson(File.ReadAllText(path)),
                ("bitwarden", ".csv") => BitwardenFormat.ParseCsv(File.ReadAllText(path)),
                ("keepass", ".xml") => KeePassFormat.ParseXml(File.ReadAllText(path)),
                ("keepass", ".csv") => KeePassFormat.ParseCsv(File.ReadAllText(path)),
                ("1password", ".1pux") => OnePasswordFormat.ParseOnePux(path),
                ("1password", ".csv") => OnePasswordFormat.ParseCsv(File.ReadAllText(path)),
                ("csv", _) => MappedCsvFormat.Parse(File.ReadAllText(path), map),
                _ => throw CliException.Usage($"--from {format} reads {Expected(format)} files; {Path.GetFileName(path)} is not one (judged by its extension)."),
            };
        }
        catch (FormatException exception)
        {
            throw new CliException(ExitCodes.Usage, "cli.import_invalid", $"{Path.GetFileName(path)}: {exception.Message} Nothing was imported.");
        }
    }

    public static async Task<int> RunAsync(CliContext context, string format, string path, string? map, string? vaultReference, bool dryRun, bool allowDuplicates, CancellationToken cancellationToken)
    {
        if (!Formats.Contains(format)) throw CliException.Usage($"--from must be one of: {string.Join(", ", Formats)}.");
        var parsed = Parse(format, path, map);

        using var session = await VaultSession.OpenAsync(context, cancellationToken);
        await context.Output.StatusAsync("Syncing…", async () => { await session.SyncQuietlyAsync(cancellationToken); return true; });
        var vaultName = await TargetAsync(session, vaultReference, cancellationToken);

        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in session.Cache.LiveEntries())
        {
            try
            {
                existing.Add(Key(session.Operations.Decrypt(entry).Data));
            }
#pragma warning disable CA1031 // an entry this device cannot read is not a duplicate of anything
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var toCreate = new List<ImportedItem>();
        var duplicates = new List<Duplicate>();
        foreach (var item in parsed.Items)
        {
            var key = Key(item.Data);
            if (!allowDuplicates && existing.Contains(key)) duplicates.Add(new Duplicate(item.Origin, item.Data.Name, item.Data.Username, item.Data.Url, "an existing entry"));
            else if (!allowDuplicates && !seen.Add(key)) duplicates.Add(new Duplicate(item.Origin, item.Data.Name, item.Data.Username, item.Data.Url, "an earlier item in the file"));
            else toCreate.Add(item);
        }

        var attachments = parsed.Items.SelectMany(i => i.Attachments.Select(a => new AttachmentReference(i.Origin, i.Data.Name, a))).ToList();
        foreach (var warning in parsed.Warnings) context.Output.Warn(warning);
        foreach (var duplicate in duplicates)
            context.Output.Warn($"{duplicate.Origin} ({duplicate.Name}) duplicates {duplicate.Of} (same name, username and URL): not imported{(dryRun ? "" : "; --allow-duplicates imports it")}.");
        foreach (var attachment in attachments)
            context.Output.Warn($"{attachment.Origin} ({attachment.Entry}) refers to the file '{attachment.File}': attachments are not imported; attach it with pm attach.");

        var planned = toCreate.Select(i => new PlannedEntry(i.Origin, i.Data.Name, i.Data.Username, i.Data.Url, i.Data.Folder, i.Data.Type)).ToList();
        if (dryRun)
        {
            context.Output.Result(
                new { dryRun = true, vault = vaultName, wouldCreate = planned, duplicates, attachmentsNotImported = attachments, warnings = parsed.Warnings },
                console =>
                {
                    var table = new RecordTable("Name", "Username", "URL", "Folder", "From");
                    foreach (var p in planned) table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.Username ?? ""), Markup.Escape(p.Url ?? ""), Markup.Escape(p.Folder ?? ""), p.Origin);
                    table.Footer = $"Dry run: would create {Plural.Of(planned.Count, "entry", "entries")} in {Markup.Escape(vaultName)}; "
                        + $"{Plural.Of(duplicates.Count, "duplicate", "duplicates")} and {Plural.Of(attachments.Count, "attachment", "attachments")} left out. Nothing was sent.";
                    table.WriteTo(console);
                });
            return ExitCodes.Ok;
        }

        var vault = toCreate.Count > 0 ? await session.ResolveVaultAsync(vaultReference, createPersonal: true, cancellationToken) : null;
        vaultName = vault?.Name ?? vaultName;
        var created = new List<Guid>();
        if (vault is not null)
        {
            async Task WriteAsync(Action<int> advanced)
            {
                foreach (var batch in toCreate.Chunk(BatchSize))
                {
                    var saved = await session.Operations.AddEntriesAsync(vault.VaultId, [.. batch.Select(i => i.Data)], cancellationToken);
                    foreach (var one in saved)
                    {
                        session.Cache.Apply(one);
                        created.Add(one.EntryId);
                    }

                    advanced(batch.Length);
                }
            }

            if (toCreate.Count >= ProgressThreshold && !Console.IsErrorRedirected && !context.Output.Json)
            {
                await context.Output.Stderr.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Encrypting and importing {toCreate.Count.ToString(CultureInfo.InvariantCulture)} entries", maxValue: toCreate.Count);
                    await WriteAsync(n => task.Increment(n));
                });
            }
            else
            {
                await WriteAsync(_ => { });
            }

            await session.SaveAsync(cancellationToken);
        }

        context.Output.Result(
            new { created = created.Count, vaultId = vault?.VaultId, vault = vaultName, entryIds = created, duplicates, attachmentsNotImported = attachments, warnings = parsed.Warnings },
            console => console.MarkupLine(
                $"Imported {Plural.Of(created.Count, "entry", "entries")} into [bold]{Markup.Escape(vaultName)}[/]"
                + (duplicates.Count > 0 ? $"; left out {Plural.Of(duplicates.Count, "duplicate", "duplicates")}" : "")
                + (attachments.Count > 0 ? $"; {Plural.Of(attachments.Count, "attachment", "attachments")} not imported" : "")
                + "."));
        return ExitCodes.Ok;
    }

    /// <summary>Two entries are the same when name (case-insensitive), username and URL are.</summary>
    public static string Key(EntryData data) =>
        string.Join('\u001f', data.Name.Trim().ToUpperInvariant(), data.Username?.Trim() ?? "", data.Url?.Trim().TrimEnd('/') ?? "");

    /// <summary>The target's name, without creating the personal vault (a dry run creates nothing).</summary>
    private static async Task<string> TargetAsync(VaultSession session, string? reference, CancellationToken cancellationToken)
    {
        if (reference is null && session.Vaults().Vaults.All(v => v.Kind != Sdk.Vault.Contracts.VaultKind.Personal))
            return "Personal (created on import)";
        return (await session.ResolveVaultAsync(reference, createPersonal: false, cancellationToken)).Name;
    }

    private static string Expected(string format) => format switch
    {
        "bitwarden" => ".json or .csv",
        "keepass" => ".xml or .csv",
        "1password" => ".1pux or .csv",
        _ => ".csv",
    };

    private sealed record PlannedEntry(string Origin, string Name, string? Username, string? Url, string? Folder, string Type);

    private sealed record Duplicate(string Origin, string Name, string? Username, string? Url, string Of);

    private sealed record AttachmentReference(string Origin, string Entry, string File);
}
