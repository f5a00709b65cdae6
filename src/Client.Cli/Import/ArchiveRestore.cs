using System.Text.Json;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Import;

/// <summary>
/// pm import ARCHIVE into the account it came from, when some of its vaults still exist: their entries are compared
/// with the server's, entries deleted since the backup are restored as new versions (the server keeps their
/// history), entries absent from the server are added again, and whatever else differs is reported and left alone.
/// Vaults the server no longer has are imported as usual, from a copy of the archive that holds only them.
/// </summary>
internal static class ArchiveRestore
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The vault ids of the archive's vault records, in order.</summary>
    public static List<Guid> VaultIds(string path)
    {
        var ids = new List<Guid>();
        foreach (var line in File.ReadLines(path))
        {
            if (!line.Contains("\"vault\"", StringComparison.Ordinal)) continue;
            using var document = JsonDocument.Parse(line);
            if (Type(document.RootElement) == "vault") ids.Add(document.RootElement.GetProperty("vaultId").GetGuid());
        }

        return ids;
    }

    public static async Task<int> RunAsync(CliContext context, string path, IReadOnlySet<Guid> existing, CancellationToken cancellationToken)
    {
        using var session = await VaultSession.OpenAsync(context, cancellationToken);
        await context.Output.StatusAsync("Syncing…", async () => { await session.SyncQuietlyAsync(cancellationToken); return true; });

        var archived = ReadEntries(path, existing);
        var restored = new List<Change>();
        var changed = new List<Change>();
        var failed = new List<Change>();
        var unchanged = 0;
        foreach (var entry in archived)
        {
            session.Cache.Entries.TryGetValue(entry.EntryId, out var held);
            if (held is { Deleted: false } && held.Version == entry.Version && held.Ciphertext is { } same && same.AsSpan().SequenceEqual(entry.Ciphertext))
            {
                unchanged++;
                continue;
            }

            EntryData data;
            try
            {
                data = session.Operations.Decrypt(new CachedEntry(entry.EntryId, entry.VaultId, entry.Version, entry.KeyEpoch, false, DateTimeOffset.UtcNow, Guid.Empty, entry.Ciphertext)).Data;
            }
#pragma warning disable CA1031 // one entry that cannot be opened (its key epoch was re-keyed away) is reported, the others restored
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failed.Add(new Change(entry.VaultId, entry.EntryId, null, $"cannot be opened with the vault's keys on this device ({exception.Message})"));
                continue;
            }

            if (held is { Deleted: false })
            {
                var now = session.Operations.Decrypt(held).Data;
                changed.Add(new Change(entry.VaultId, entry.EntryId, data.Name,
                    $"changed since the backup (backup version {entry.Version}, now version {held.Version}{(now.Name != data.Name ? $", now named {now.Name}" : "")}); left as it is"));
                continue;
            }

            var saved = held is { Deleted: true }
                ? await session.Operations.UpdateEntryAsync(entry.VaultId, entry.EntryId, held.Version, data, cancellationToken)
                : await session.Operations.AddEntryAsync(entry.VaultId, data, cancellationToken);
            session.Cache.Apply(saved);
            restored.Add(new Change(entry.VaultId, saved.EntryId, data.Name, held is null
                ? "not on the server any more: added again as a new entry"
                : $"deleted since the backup: restored as version {saved.Version}"));
        }

        var archivedIds = archived.Select(e => e.EntryId).ToHashSet();
        var added = session.Cache.LiveEntries().Where(e => existing.Contains(e.VaultId) && !archivedIds.Contains(e.EntryId) && restored.All(r => r.EntryId != e.EntryId))
            .Select(e => new Change(e.VaultId, e.EntryId, session.Operations.Decrypt(e).Data.Name, "added since the backup; left as it is")).ToList();
        await session.SaveAsync(cancellationToken);

        ImportArchiveResult? imported = null;
        var missing = VaultIds(path).Where(id => !existing.Contains(id)).ToList();
        if (missing.Count > 0) imported = await ImportMissingVaultsAsync(context, path, missing, cancellationToken);

        context.Output.Result(
            new { restored, unchanged, changedSinceBackup = changed, addedSinceBackup = added, notRestored = failed, importedVaults = imported },
            console =>
            {
                foreach (var change in restored.Concat(changed).Concat(added).Concat(failed))
                    console.MarkupLine($"{Markup.Escape(change.Name ?? change.EntryId.ToString())} ({change.EntryId}): {Markup.Escape(change.What)}");
                console.MarkupLine(
                    $"Restored {Plural.Of(restored.Count, "entry", "entries")}; {unchanged} unchanged, {changed.Count} changed and {added.Count} added since the backup (left as they are)"
                    + (failed.Count > 0 ? $", {failed.Count} not restorable" : "")
                    + (imported is null ? "." : $"; imported {Plural.Of(imported.Vaults, "vault", "vaults")} the server no longer had, with {Plural.Of(imported.Entries, "entry", "entries")}."));
            });
        return ExitCodes.Ok;
    }

    /// <summary>The live entries the archive holds for <paramref name="vaults"/>.</summary>
    private static List<ArchivedEntry> ReadEntries(string path, IReadOnlySet<Guid> vaults)
    {
        var entries = new List<ArchivedEntry>();
        foreach (var line in File.ReadLines(path))
        {
            if (!line.Contains("\"entry\"", StringComparison.Ordinal)) continue;
            var entry = JsonSerializer.Deserialize<ArchivedEntry>(line, SdkJson.Options);
            if (entry is { Type: "entry" } && vaults.Contains(entry.VaultId)) entries.Add(entry);
        }

        return entries;
    }

    /// <summary>Sends a copy of the archive with only <paramref name="vaults"/> (and an end record counting them) to the server's import.</summary>
    private static async Task<ImportArchiveResult> ImportMissingVaultsAsync(CliContext context, string path, List<Guid> vaults, CancellationToken cancellationToken)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"pm-restore-{Guid.NewGuid():N}.ndjson");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, Options = FileOptions.DeleteOnClose };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerReadWrite;
        await using var stream = new FileStream(copy, options);
        await using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            var (vaultCount, entries, versions, attachments) = (0, 0L, 0L, 0L);
            var keepChunks = false;
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length == 0) continue;
                using var document = JsonDocument.Parse(line);
                var record = document.RootElement;
                var type = Type(record);
                var keep = type switch
                {
                    "header" => true,
                    "end" => false,
                    "attachmentChunk" => keepChunks,
                    _ => record.TryGetProperty("vaultId", out var vaultId) && vaults.Contains(vaultId.GetGuid()),
                };
                if (type == "attachment") keepChunks = keep;
                if (!keep) continue;
                switch (type)
                {
                    case "vault": vaultCount++; break;
                    case "entry": entries++; break;
                    case "entryVersion": versions++; break;
                    case "attachment": attachments++; break;
                }

                await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            }

            await writer.WriteLineAsync(JsonSerializer.Serialize(
                new { type = "end", vaults = vaultCount, entries, entryVersions = versions, attachments }, SdkJson.Options).AsMemory(), cancellationToken);
        }

        stream.Position = 0;
        return await context.Output.StatusAsync("Importing the vaults the server no longer has…", () => context.Client.Vaults.ImportAsync(stream, cancellationToken));
    }

    private static string? Type(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private sealed record ArchivedEntry(string Type, Guid VaultId, Guid EntryId, long Version, long KeyEpoch, byte[] Ciphertext);

    private sealed record Change(Guid VaultId, Guid EntryId, string? Name, string What);
}
