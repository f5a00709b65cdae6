using System.CommandLine;
using System.Globalization;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Sharing;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm share, members, permission, revoke and leave: keys are wrapped, signed and verified here, against pinned bundles.</summary>
internal static class SharingCommands
{
    private static readonly Argument<string> vaultArgument = new("VAULT") { Description = "Vault name or id" };
    private static readonly Argument<string> userArgument = new("USER") { Description = "Username (or user id)" };

    public static IEnumerable<Command> Create() => [Share(), Members(), Permission(), Revoke(), Leave(), Transfer()];

    private static Command Share()
    {
        var permission = PermissionOption();
        var expires = new Option<string?>("--expires") { Description = "End of the grant (ISO 8601 date or date-time, UTC unless an offset is given)" };
        var command = new Command("share", "Share a vault: the vault key is wrapped for the user's pinned public key and signed by you")
        {
            vaultArgument, userArgument, permission, expires,
        };
        command.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var vault = await session.ResolveVaultAsync(parse.GetValue(vaultArgument), createPersonal: false, token);
            var level = ParsePermission(parse.GetValue(permission));
            var until = ParseExpiry(parse.GetValue(expires));
            var member = await session.Sharing.ShareAsync(vault.VaultId, parse.GetValue(userArgument)!, level, until, token);
            await session.SyncQuietlyAsync(token);
            context.Output.Result(
                new { vault.VaultId, vault = vault.Name, member.UserId, member.Username, permission = Name(member.Permission), member.ExpiresAt, key = Name(member.Key), member.Fingerprint },
                console =>
                {
                    console.MarkupLine($"Shared [bold]{Markup.Escape(vault.Name)}[/] with [bold]{Markup.Escape(member.Username ?? member.UserId.ToString())}[/] ({Name(member.Permission)}{(member.ExpiresAt is { } at ? $", until {at:u}" : "")}).");
                    if (member.Key == PinState.PinnedOnFirstUse)
                    {
                        console.MarkupLine($"Their key was pinned on first use. Safety number: [bold]{member.Fingerprint}[/]");
                        console.MarkupLine($"Compare it with them out of band, then run: pm trust {Markup.Escape(member.Username ?? member.UserId.ToString())}");
                    }
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Members()
    {
        var command = new Command("members", "List a vault's members; every access record is verified against the pinned keys") { vaultArgument };
        command.SetVaultAction(async (context, session, token) =>
        {
            var vault = await session.ResolveVaultAsync(context.ParseResult.GetValue(vaultArgument), createPersonal: false, token);
            var members = await session.Sharing.ListMembersAsync(vault.VaultId, checkKeys: true, token);
            var items = members.Members.Select(m => new
            {
                m.UserId,
                m.Username,
                permission = Name(m.Permission),
                m.KeyEpoch,
                m.GranterId,
                m.GranterName,
                m.ExpiresAt,
                m.Expired,
                recordVerified = m.RecordVerified,
                m.RecordProblem,
                key = Name(m.Key),
                m.Fingerprint,
            }).ToList();
            var summary = session.Cache.Vaults.GetValueOrDefault(vault.VaultId);
            var rekeyRecommended = summary?.RekeyRecommended ?? false;
            var rekeyReasons = summary?.RekeyReasons ?? [];
            context.Output.Result(new { vault.VaultId, vault = vault.Name, members.KeyEpoch, ownerId = summary?.OwnerId, rekeyRecommended, rekeyReasons, items }, console =>
            {
                var table = new RecordTable("User", "Permission", "Expires", "Granted by", "Record", "Key");
                foreach (var m in members.Members)
                {
                    var expires = m.ExpiresAt is { } at ? at.ToString("u", CultureInfo.InvariantCulture) + (m.Expired ? " (expired)" : "") : "-";
                    table.AddRow(
                        Markup.Escape(m.Username ?? m.UserId.ToString()),
                        Name(m.Permission),
                        expires,
                        Markup.Escape(m.GranterName ?? m.GranterId.ToString()),
                        m.RecordVerified ? "[green]verified[/]" : "[red]REFUSED[/]",
                        m.Key switch
                        {
                            PinState.Changed => "[red]CHANGED[/]",
                            PinState.Verified => "[green]trusted[/]",
                            PinState.Own => "you",
                            PinState.PinnedOnFirstUse => "pinned (not compared)",
                            _ => "not pinned",
                        });
                }

                table.Header = $"[bold]{Markup.Escape(vault.Name)}[/], key epoch {members.KeyEpoch}";
                table.WriteTo(console);

                // Piped, stdout holds only the records: the alerts go to stderr.
                void Alert(string markup)
                {
                    if (Console.IsOutputRedirected) context.Output.Warn(Markup.Remove(markup));
                    else console.MarkupLine(markup);
                }

                if (rekeyRecommended)
                {
                    Alert("[yellow]Re-key recommended:[/] a member expired or was removed and may still hold the current key. "
                        + $"Run: pm revoke {Markup.Escape(Shell.Quote(vault.Name))} USER (or revoke any member; expired ones are revoked with it).");
                }

                foreach (var m in members.Members.Where(m => !m.RecordVerified))
                    Alert($"[red]refused record of {Markup.Escape(m.Username ?? m.UserId.ToString())}:[/] {Markup.Escape(m.RecordProblem!)}");
                foreach (var m in members.Members.Where(m => m.Key == PinState.Changed))
                    Alert($"[red]{Markup.Escape(m.Username ?? m.UserId.ToString())}'s key changed[/]: pm fingerprint {Markup.Escape(m.Username ?? m.UserId.ToString())}, compare, then pm trust.");
            });
            return members.Members.Any(m => !m.RecordVerified || m.Key == PinState.Changed) ? ExitCodes.UntrustedServer : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Permission()
    {
        var level = new Argument<string>("LEVEL") { Description = "read, write or admin" };
        var command = new Command("permission", "Change a member's permission (their record is verified, then re-signed by you)") { vaultArgument, userArgument, level };
        command.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var vault = await session.ResolveVaultAsync(parse.GetValue(vaultArgument), createPersonal: false, token);
            var userId = await session.Sharing.ResolveUserAsync(parse.GetValue(userArgument)!, token);
            var member = await session.Sharing.ChangePermissionAsync(vault.VaultId, userId, ParsePermission(parse.GetValue(level)), token);
            await session.SyncQuietlyAsync(token);
            context.Output.Result(
                new { vault.VaultId, vault = vault.Name, member.UserId, member.Username, permission = Name(member.Permission) },
                console => console.MarkupLine($"{Markup.Escape(member.Username ?? member.UserId.ToString())} now has {Name(member.Permission)} access to [bold]{Markup.Escape(vault.Name)}[/]."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would be re-keyed and what the member saw; change nothing" };
        var command = new Command("revoke", "Revoke a member by re-keying the vault: every entry re-encrypted under a new key the member never sees")
        {
            vaultArgument, userArgument, dryRun,
        };
        command.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var vault = await session.ResolveVaultAsync(parse.GetValue(vaultArgument), createPersonal: false, token);
            var user = parse.GetValue(userArgument)!;
            var userId = await session.Sharing.ResolveUserAsync(user, token);
            // Titles are read now, from the cache, under the key the member also held.
            var titles = Titles(session, vault.VaultId);
            if (parse.GetValue(dryRun))
            {
                var preview = await session.Sharing.PreviewRevokeAsync(vault.VaultId, [userId], token);
                var seen = Exposed(preview.Exposure, userId, titles);
                context.Output.Result(
                    new { dryRun = true, vault.VaultId, vault = vault.Name, userId, preview.KeyEpoch, newKeyEpoch = preview.KeyEpoch + 1, preview.Entries, preview.RemainingMembers, accessLog = preview.Exposure is not null, exposed = seen },
                    console =>
                    {
                        console.MarkupLine($"Dry run: revoking {Markup.Escape(user)} would re-encrypt {preview.Entries} entries of [bold]{Markup.Escape(vault.Name)}[/] under key epoch {preview.KeyEpoch + 1} and re-wrap the key for {preview.RemainingMembers} remaining members.");
                        WriteExposure(console, user, preview.Exposure is not null, seen);
                    });
                return ExitCodes.Ok;
            }

            var result = await session.Sharing.RevokeAsync(vault.VaultId, [userId], new StderrProgress(context.Output), token);
            await session.SyncQuietlyAsync(token);
            var exposed = Exposed(result.Exposure, userId, titles);
            context.Output.Result(
                new { vault.VaultId, vault = vault.Name, userId, result.KeyEpoch, result.Entries, result.Members, result.Revoked, accessLog = result.Exposure is not null, exposed },
                console =>
                {
                    console.MarkupLine($"Revoked {Markup.Escape(user)} from [bold]{Markup.Escape(vault.Name)}[/]: {result.Entries} entries re-encrypted under key epoch {result.KeyEpoch}, key re-wrapped for {result.Members} members.");
                    WriteExposure(console, user, result.Exposure is not null, exposed);
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Leave()
    {
        var command = new Command("leave", "Leave a vault shared with you (its key stays with the other members)") { vaultArgument };
        command.SetVaultAction(async (context, session, token) =>
        {
            var vault = await session.ResolveVaultAsync(context.ParseResult.GetValue(vaultArgument), createPersonal: false, token);
            await session.Sharing.LeaveAsync(vault.VaultId, token);
            await session.SyncQuietlyAsync(token);
            context.Output.Result(new { vault.VaultId, vault = vault.Name, left = true }, console => console.MarkupLine($"You left [bold]{Markup.Escape(vault.Name)}[/]."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Transfer()
    {
        var command = new Command("transfer", "Hand the vault's ownership to another admin (the owner cannot be revoked or demoted)") { vaultArgument, userArgument };
        command.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var vault = await session.ResolveVaultAsync(parse.GetValue(vaultArgument), createPersonal: false, token);
            var user = parse.GetValue(userArgument)!;
            var userId = await session.Sharing.ResolveUserAsync(user, token);
            var summary = await session.Sharing.TransferOwnershipAsync(vault.VaultId, userId, token);
            await session.SyncQuietlyAsync(token);
            context.Output.Result(
                new { vault.VaultId, vault = vault.Name, ownerId = summary.OwnerId },
                console => console.MarkupLine($"{Markup.Escape(user)} now owns [bold]{Markup.Escape(vault.Name)}[/]."));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static Option<string> PermissionOption() => new("--permission", "-p")
    {
        Description = "read, write or admin",
        DefaultValueFactory = _ => "read",
    };

    internal static VaultPermission ParsePermission(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "read" => VaultPermission.Read,
        "write" => VaultPermission.Write,
        "admin" => VaultPermission.Admin,
        _ => throw CliException.Usage($"Unknown permission '{value}': use read, write or admin."),
    };

    internal static string Name(VaultPermission permission) => permission.ToString().ToLowerInvariant();

    private static string Name(PinState state) => state switch
    {
        PinState.NotPinned => "not-pinned",
        PinState.PinnedOnFirstUse => "pinned",
        PinState.Verified => "trusted",
        PinState.Changed => "changed",
        PinState.Own => "own",
        _ => state.ToString(),
    };

    private static DateTimeOffset? ParseExpiry(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            throw CliException.Usage($"--expires '{value}' is not a date: use for example 2026-12-31 or 2026-12-31T18:00:00Z.");
        if (at <= DateTimeOffset.UtcNow) throw CliException.Usage("--expires must be in the future.");
        return at;
    }

    private static Dictionary<Guid, string> Titles(VaultSession session, Guid vaultId)
    {
        var titles = new Dictionary<Guid, string>();
        foreach (var entry in session.Cache.LiveEntries(vaultId))
        {
            try
            {
                titles[entry.EntryId] = session.Operations.Decrypt(entry).Data.Name;
            }
            catch (Exception exception) when (exception is CryptoException or VaultLockedException or System.Text.Json.JsonException)
            {
                titles[entry.EntryId] = "(does not decrypt)";
            }
        }

        return titles;
    }

    /// <summary>The entries the member fetched (access log), or, without a log, every entry they could read.</summary>
    private static List<ExposedTitle> Exposed(IReadOnlyList<MemberExposure>? exposure, Guid userId, Dictionary<Guid, string> titles)
    {
        if (exposure?.FirstOrDefault(e => e.UserId == userId) is { } log)
            return [.. log.Entries.Select(e => new ExposedTitle(e.EntryId, titles.GetValueOrDefault(e.EntryId, e.Deleted ? "(deleted)" : "(unknown)"), e.Version, e.LastFetchedAt, e.Deleted))];
        if (exposure is not null) return [];
        return [.. titles.OrderBy(t => t.Value, StringComparer.OrdinalIgnoreCase).Select(t => new ExposedTitle(t.Key, t.Value, null, null, false))];
    }

    private static void WriteExposure(IAnsiConsole console, string user, bool accessLog, List<ExposedTitle> exposed)
    {
        if (exposed.Count == 0)
        {
            console.MarkupLine($"{Markup.Escape(user)} fetched no entries.");
            return;
        }

        console.MarkupLine(accessLog
            ? $"{Markup.Escape(user)} fetched these entries; change their passwords:"
            : $"The server keeps no access log: assume {Markup.Escape(user)} saw every entry and change these passwords:");
        foreach (var entry in exposed) console.MarkupLine($"  {Markup.Escape(entry.Title)} ({entry.EntryId})");
    }

    private sealed record ExposedTitle(Guid EntryId, string Title, long? Version, DateTimeOffset? LastFetchedAt, bool Deleted);

    /// <summary>Re-key progress on stderr: one line per stage, and every 10% while fetching.</summary>
    private sealed class StderrProgress(Output output) : IProgress<RekeyProgress>
    {
        private RekeyStage? stage;
        private int lastTenth = -1;

        public void Report(RekeyProgress value)
        {
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (value.Stage == stage && tenth == lastTenth) return;
            (stage, lastTenth) = (value.Stage, tenth);
            var text = value.Stage switch
            {
                RekeyStage.Checking => "re-key: verifying members and their pinned keys",
                RekeyStage.Fetching => $"re-key: fetched {value.Done}/{value.Total} entries",
                RekeyStage.Encrypting => $"re-key: re-encrypting {value.Total} entries under a new key",
                RekeyStage.Uploading => $"re-key: uploading {value.Total} entries and committing",
                _ => "re-key: committed",
            };
            if (!output.Json) Console.Error.WriteLine(text);
        }
    }
}
