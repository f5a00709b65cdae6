using System.CommandLine;
using System.Globalization;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Crypto.Attachments;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Sdk.Vault;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>
/// pm attach, attachments, download and detach: files are encrypted while they upload and decrypted and verified while
/// they download (docs/crypto-format.md §18); the server sees neither their content nor their names.
/// </summary>
internal static class AttachmentCommands
{
    private const UnixFileMode ownerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly Argument<string> entryArgument = new("ENTRY") { Description = "Entry name or id (or id prefix)" };
    private static readonly Argument<string> attachmentArgument = new("ATTACHMENT") { Description = "Attachment file name or id (or id prefix)" };

    public static IEnumerable<Command> Create() => [Attach(), List(), Download(), Detach()];

    private static Command Attach()
    {
        var file = new Argument<string>("FILE") { Description = "The file to attach (encrypted on the fly; never held whole in memory)" };
        var name = new Option<string?>("--name") { Description = "File name to store (encrypted; default: FILE's name)" };
        var type = new Option<string?>("--type") { Description = "Media type to store with it (encrypted), e.g. application/pdf" };
        var command = new Command("attach", "Attach a file to an entry; prints the attachment id") { entryArgument, file, VaultCommandRunner.VaultOption, name, type };
        command.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path)) throw CliException.Usage($"{path} does not exist (or is not a file).");
            var entry = await ResolveEntryAsync(context, session, token);
            var storedName = parse.GetValue(name)?.Trim() is { Length: > 0 } given ? given : Path.GetFileName(path);
            AttachmentMetadata metadata;
            try
            {
                metadata = new AttachmentMetadata(storedName, parse.GetValue(type));
            }
            catch (ArgumentException exception)
            {
                throw CliException.Usage(exception.Message);
            }

            var attachments = context.Client.OpenAttachments(session.Operations);
            DecryptedAttachment uploaded;
            await using (var content = File.OpenRead(path))
            {
                uploaded = await context.Output.StatusAsync(
                    "Encrypting and uploading…", () => attachments.UploadAsync(entry.VaultId, entry.EntryId, content, metadata, token));
            }

            var entryName = session.Operations.Decrypt(entry).Data.Name;
            context.Output.Result(
                new { uploaded.AttachmentId, entry.EntryId, entry.VaultId, name = uploaded.FileName, uploaded.MediaType, uploaded.Size, encryptedSize = uploaded.State.Size },
                console => console.MarkupLine(
                    $"Attached [bold]{Markup.Escape(storedName)}[/] ({Bytes(uploaded.Size)}) to {Markup.Escape(entryName)}: {uploaded.AttachmentId}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("attachments", "List an entry's attachments (names decrypted)") { entryArgument, VaultCommandRunner.VaultOption };
        command.SetVaultAction(async (context, session, token) =>
        {
            var entry = await ResolveEntryAsync(context, session, token);
            var items = await context.Client.OpenAttachments(session.Operations).ListAsync(entry.VaultId, entry.EntryId, token);
            foreach (var broken in items.Where(i => i.Problem is not null))
                context.Output.Warn($"Attachment {broken.AttachmentId} does not verify: {broken.Problem}");
            var payload = items.Select(i => new
            {
                i.AttachmentId,
                name = i.FileName,
                i.MediaType,
                i.Size,
                encryptedSize = i.State.Size,
                i.State.KeyEpoch,
                i.State.CreatedAt,
                i.State.CreatedBy,
                i.Problem,
            }).ToList();
            context.Output.Result(new { entry.EntryId, entry.VaultId, items = payload }, console =>
            {
                var table = new RecordTable("Name", "Size", "Type", "Added", "Id");
                foreach (var item in items)
                {
                    table.AddRow(
                        item.FileName is null ? "[red](does not verify)[/]" : Markup.Escape(item.FileName),
                        Bytes(item.Size), Markup.Escape(item.MediaType ?? ""), item.State.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        item.AttachmentId.ToString());
                }

                table.Footer = $"{Plural.Of(items.Count, "attachment", "attachments")}.";

                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Download()
    {
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the file (default: its stored name, in the current folder)" };
        var force = new Option<bool>("--force") { Description = "Replace the output file if it exists" };
        var command = new Command("download", "Download, decrypt and verify an attachment (written 0600; kept only if it verifies)")
        {
            entryArgument, attachmentArgument, VaultCommandRunner.VaultOption, output, force,
        };
        command.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var entry = await ResolveEntryAsync(context, session, token);
            var attachments = context.Client.OpenAttachments(session.Operations);
            var chosen = Pick(await attachments.ListAsync(entry.VaultId, entry.EntryId, token), parse.GetValue(attachmentArgument)!);
            var target = Path.GetFullPath(parse.GetValue(output) is { Length: > 0 } explicitPath ? explicitPath : SafeFileName(chosen));
            var overwrite = parse.GetValue(force);
            if (Directory.Exists(target)) throw CliException.Usage($"{target} is a folder; pass a file path with --out.");
            if (File.Exists(target) && !overwrite) throw CliException.Usage($"{target} exists already; pass --force to replace it.");

            // Bytes are unverified until the last chunk checked out, so they go to a 0600 temporary file renamed at the end.
            var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.pm-partial");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = ownerReadWrite;
            DecryptedAttachment downloaded;
            try
            {
                await using (var file = new FileStream(temporary, options))
                {
                    downloaded = await context.Output.StatusAsync(
                        "Downloading and decrypting…", () => attachments.DownloadAsync(entry.VaultId, entry.EntryId, chosen.AttachmentId, file, token));
                    file.Flush(flushToDisk: true);
                }

                File.Move(temporary, target, overwrite);
            }
            catch (Exception exception) when (exception is DecryptionFailedException or HistoryVerificationException)
            {
                File.Delete(temporary);
                throw new CliException(
                    ExitCodes.UntrustedServer, "cli.attachment_tampered",
                    $"The attachment failed verification and was not written: {exception.Message} Do not trust this server's copy.");
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }

            context.Output.Result(
                new { downloaded.AttachmentId, entry.EntryId, name = downloaded.FileName, downloaded.MediaType, downloaded.Size, file = target, downloaded.ViaPresignedUrl },
                console => console.MarkupLine($"Wrote [bold]{Markup.Escape(downloaded.FileName ?? "")}[/] ({Bytes(downloaded.Size)}) to {Markup.Escape(target)}."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Detach()
    {
        var command = new Command("detach", "Delete an attachment from an entry") { entryArgument, attachmentArgument, VaultCommandRunner.VaultOption };
        command.SetVaultAction(async (context, session, token) =>
        {
            var entry = await ResolveEntryAsync(context, session, token);
            var attachments = context.Client.OpenAttachments(session.Operations);
            var chosen = Pick(await attachments.ListAsync(entry.VaultId, entry.EntryId, token), context.ParseResult.GetValue(attachmentArgument)!);
            var deleted = await attachments.DeleteAsync(entry.VaultId, entry.EntryId, chosen.AttachmentId, token);
            context.Output.Result(
                new { deleted.AttachmentId, deleted.EntryId, deleted.VaultId, deleted = true, deleted.Revision },
                console => console.MarkupLine($"Deleted attachment [bold]{Markup.Escape(chosen.FileName ?? chosen.AttachmentId.ToString())}[/] ({deleted.AttachmentId})."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<CachedEntry> ResolveEntryAsync(CliContext context, VaultSession session, CancellationToken cancellationToken)
    {
        Guid? vaultId = context.ParseResult.GetValue(VaultCommandRunner.VaultOption) is { } reference
            ? (await session.ResolveVaultAsync(reference, createPersonal: false, cancellationToken)).VaultId
            : null;
        return session.ResolveEntry(context.ParseResult.GetValue(entryArgument)!, vaultId);
    }

    /// <summary>An attachment by id, by (case-insensitive) name, or by id prefix of at least 4 characters.</summary>
    private static DecryptedAttachment Pick(IReadOnlyList<DecryptedAttachment> items, string reference)
    {
        reference = reference.Trim();
        if (Guid.TryParse(reference, out var exact))
        {
            return items.FirstOrDefault(i => i.AttachmentId == exact)
                ?? throw new CliException(ExitCodes.NotFoundOrConflict, "cli.not_found", $"No attachment with id {exact}. See: pm attachments ENTRY");
        }

        var matches = items.Where(i => string.Equals(i.FileName, reference, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0 && reference.Length >= 4)
            matches = [.. items.Where(i => i.AttachmentId.ToString().StartsWith(reference, StringComparison.OrdinalIgnoreCase))];
        return matches switch
        {
            [var one] => one,
            [] => throw new CliException(ExitCodes.NotFoundOrConflict, "cli.not_found", $"No attachment named '{reference}'. See: pm attachments ENTRY"),
            _ => throw CliException.Usage($"'{reference}' matches {matches.Count} attachments; use the id: " + string.Join(", ", matches.Select(m => m.AttachmentId))),
        };
    }

    /// <summary>
    /// The stored name comes from whoever wrote the attachment (in a shared vault, another member), so only its last path
    /// segment is used, with characters the file system refuses replaced: it can never point outside the current folder.
    /// </summary>
    private static string SafeFileName(DecryptedAttachment attachment)
    {
        var name = Path.GetFileName((attachment.FileName ?? "").Replace('\\', '/'));
        foreach (var invalid in Path.GetInvalidFileNameChars()) name = name.Replace(invalid, '_');
        name = name.Trim();
        return name is "" or "." or ".." ? $"attachment-{attachment.AttachmentId:N}" : name;
    }

    private static string Bytes(long? size) => size switch
    {
        null => "?",
        < 1024 => $"{size} B",
        < 1024 * 1024 => $"{size / 1024.0:0.#} KiB",
        _ => $"{size / (1024.0 * 1024):0.#} MiB",
    };
}
