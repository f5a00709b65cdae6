using System.CommandLine;
using System.Globalization;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm vault status and pm vault checkpoint: the vault's signed history (ADR-0032) as this device verified it.</summary>
internal static class VaultHistoryCommands
{
    public static Command Status()
    {
        var vaultArgument = new Argument<string>("VAULT") { Description = "Vault name or id" };
        var expect = new Option<string?>("--expect")
        {
            Description = "A head code another member printed (seq-XXXX-XXXX-XXXX-XXXX): fail (exit 5) unless the verified history contains it; remembered for every later sync",
        };
        var forgetExpected = new Option<bool>("--forget-expected")
        {
            Description = "Forget the head codes given with --expect that this server has not served yet (a mistyped code), then sync again",
        };
        var command = new Command("status", "Show the vault's verified history: head code (compare it with another member), seq, last checkpoint, members")
        {
            vaultArgument, expect, forgetExpected,
        };
        command.SetVaultAction(async (context, session, token) =>
        {
            int? forgotten = null;
            if (context.ParseResult.GetValue(forgetExpected))
            {
                if (context.ParseResult.GetValue(expect) is not null) throw CliException.Usage("--forget-expected and --expect cannot be given together.");
                var refused = session.ResolveRefusedVault(context.ParseResult.GetValue(vaultArgument)!);
                forgotten = session.Operations.ForgetExpectedHeads(session.Cache, refused.VaultId);
                await session.SaveAsync(token);
                await session.SyncQuietlyAsync(token);
            }

            var vault = await session.ResolveVaultAsync(context.ParseResult.GetValue(vaultArgument), createPersonal: false, token);
            var state = session.Operations.HistoryOf(vault.VaultId);
            if (context.ParseResult.GetValue(expect) is { } code)
            {
                bool contained;
                try
                {
                    contained = session.Operations.ExpectHead(session.Cache, vault.VaultId, code.Trim());
                }
                catch (ArgumentException invalid)
                {
                    throw CliException.Usage(invalid.Message);
                }
                catch (HistoryVerificationException rejected)
                {
                    throw session.Named(rejected);
                }

                await session.SaveAsync(token);
                if (!contained && HeadCode.TryParse(code.Trim(), out var seq, out _) && seq <= (state?.HeadSeq ?? 0))
                {
                    throw CliException.Usage(
                        $"Vault '{vault.Name}': head {code.Trim()} is older than the last {VaultHistoryState.RecentHeadsKept.ToString(CultureInfo.InvariantCulture)} "
                            + $"records this device verified, so it cannot be compared. Compare current head codes instead: this device's is {state!.HeadCode}.");
                }

                if (!contained)
                {
                    throw new CliException(
                        ExitCodes.UntrustedServer,
                        "cli.history_rejected",
                        $"Vault '{vault.Name}' ({vault.VaultId}): another member holds head {code.Trim()}, but this server serves the vault's history only up to "
                            + $"{state?.HeadCode ?? "nothing"} (withheld records, an old state or a forked history). The head is remembered: every sync "
                            + "fails until the server serves it. Tell the server's operator; if the code was mistyped, pm vault status VAULT --forget-expected forgets it.");
                }
            }

            var members = state?.Members.OrderBy(m => m.Key).Select(m => new
            {
                userId = m.Key,
                username = session.Sharing.Trust.Pinned(m.Key)?.Username,
                permission = m.Value.Permission.ToWireName(),
            }).ToList() ?? [];
            var lastCheckpoint = session.Operations.LastCheckpointOf(vault.VaultId);
            var payload = new
            {
                vault.VaultId,
                vault.Name,
                verified = state is { IsEmpty: false },
                headCode = state?.HeadCode,
                seq = state?.HeadSeq ?? 0,
                keyEpoch = state?.KeyEpoch ?? vault.KeyEpoch,
                lastCheckpoint = state is null ? (long?)null : lastCheckpoint,
                entries = state?.Entries.Count(e => !e.Value.Deleted) ?? 0,
                members,
                expected = context.ParseResult.GetValue(expect)?.Trim(),
                forgottenExpectedHeads = forgotten,
            };
            context.Output.Result(payload, console =>
            {
                if (forgotten is { } count)
                    console.MarkupLine($"Forgot {Plural.Of(count, "expected head code", "expected head codes")} this server had not served; the vault synced again.");
                if (state is not { IsEmpty: false })
                {
                    console.MarkupLine($"Vault [bold]{Markup.Escape(vault.Name)}[/] ({vault.VaultId}): history [yellow]unverified[/].");
                    console.MarkupLine("It was created before signed history and has no records yet: the server could withhold or roll back changes unnoticed.");
                    console.MarkupLine("An admin turns it on with: pm vault checkpoint " + Markup.Escape(vault.Name));
                    return;
                }

                console.MarkupLine($"Vault [bold]{Markup.Escape(vault.Name)}[/] ({vault.VaultId}): history [green]verified[/].");
                console.MarkupLine($"Head:            [bold]{state.HeadCode}[/]");
                console.MarkupLine($"Records:         {state.HeadSeq.ToString(CultureInfo.InvariantCulture)} (last checkpoint: record {lastCheckpoint.ToString(CultureInfo.InvariantCulture)})");
                console.MarkupLine($"Key epoch:       {state.KeyEpoch.ToString(CultureInfo.InvariantCulture)}");
                console.MarkupLine($"Entries:         {payload.entries.ToString(CultureInfo.InvariantCulture)}");
                var table = new RecordTable("Member", "Id", "Permission");
                foreach (var member in members) table.AddRow(Markup.Escape(member.username ?? "(not pinned)"), member.userId.ToString(), member.permission);
                table.WriteTo(console);
                if (payload.expected is not null) console.MarkupLine($"The verified history contains {Markup.Escape(payload.expected)}.");
                console.MarkupLine("Compare the head code with another member (in person or by phone): the same code means the same history.");
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Checkpoint()
    {
        var vaultArgument = new Argument<string>("VAULT") { Description = "Vault name or id" };
        var command = new Command(
            "checkpoint", "Admin: start the signed history of a vault created before it (a checkpoint of its verified entries, attachments and members)") { vaultArgument };
        command.SetVaultAction(async (context, session, token) =>
        {
            var vault = await session.ResolveVaultAsync(context.ParseResult.GetValue(vaultArgument), createPersonal: false, token);
            if (session.Operations.HistoryOf(vault.VaultId) is { IsEmpty: false } held)
                throw new CliException(ExitCodes.NotFoundOrConflict, "cli.history_exists", $"Vault '{vault.Name}' already keeps a signed history (head {held.HeadCode}).");
            if (vault.Permission != Sdk.Vault.Contracts.VaultPermission.Admin)
                throw new CliException(ExitCodes.Auth, "cli.not_admin", $"Only an admin of vault '{vault.Name}' can start its signed history.");
            var live = session.Cache.LiveEntries(vault.VaultId).Select(e => e.EntryId).ToHashSet();
            var attachments = await context.Client.OpenAttachments(session.Operations).HashAllAsync(vault.VaultId, live, token);
            HistoryRecord record;
            try
            {
                record = await session.Operations.CheckpointAsync(session.Cache, vault.VaultId, attachments, token);
            }
            catch (InvalidOperationException refused)
            {
                throw new CliException(ExitCodes.UntrustedServer, "cli.history_rejected", refused.Message);
            }

            await session.SaveAsync(token);
            context.Output.Result(
                new { vault.VaultId, vault.Name, headCode = record.HeadCode, seq = record.Seq, entries = live.Count, attachments = attachments.Count },
                console => console.MarkupLine(
                    $"Vault [bold]{Markup.Escape(vault.Name)}[/] now keeps a signed history: checkpoint of {Plural.Of(live.Count, "entry", "entries")} and "
                        + $"{Plural.Of(attachments.Count, "attachment", "attachments")}, head [bold]{record.HeadCode}[/]."));
            return ExitCodes.Ok;
        });
        return command;
    }
}
