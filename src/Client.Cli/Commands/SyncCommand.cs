using System.CommandLine;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Sdk.Vault;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class SyncCommand
{
    public static Command Create()
    {
        var full = new Option<bool>("--full") { Description = "Forget the cursor and fetch everything again (versions already held are still checked)" };
        var command = new Command("sync", "Fetch what changed since the last sync into the local encrypted cache; refuses entries older than those held") { full };
        command.SetVaultAction(
            async (context, session, token) =>
            {
                if (context.ParseResult.GetValue(full)) session.Cache.Cursor = null;
                var report = await RunWithProgressAsync(context.Output, session, token);
                var problems = VaultSession.Describe(report).ToList();
                var reported = report.Rejected.Select(r => r.EntryId).Concat(report.Rollbacks.Select(r => r.EntryId)).ToHashSet();
                var stillRefused = session.Cache.Refused.Values.Where(r => !reported.Contains(r.EntryId)).ToList();
                problems.AddRange(stillRefused.Select(r => "Still " + VaultSession.Describe(r)));
                var payload = new
                {
                    report.Pages,
                    report.FullSync,
                    report.VaultsChanged,
                    report.EntriesUpdated,
                    report.EntriesDeleted,
                    report.LostAccess,
                    report.Rollbacks,
                    report.Rejected,
                    report.SkippedVaults,
                    unverifiedHistory = report.UnverifiedHistory ?? [],
                    vaults = session.Cache.Vaults.Count,
                    entries = session.Cache.LiveEntries().Count(),
                };
                if (report.Suspicious || stillRefused.Count > 0)
                {
                    foreach (var line in problems) context.Output.Warn(line);
                    var refused = report.Rollbacks.Count + report.Rejected.Count + stillRefused.Count;
                    throw new CliException(
                        ExitCodes.UntrustedServer,
                        report.Rollbacks.Count > 0 || (!report.Suspicious && stillRefused.All(r => r.Rollback)) ? "cli.rollback_detected" : "cli.entry_rejected",
                        $"Refused {Plural.Of(refused, "entry", "entries")} the server sent (details above); everything else was synced. "
                        + "The server may be malicious or restored from an old backup: tell its operator. Your newer copies are kept in the local cache.");
                }

                context.Output.Result(payload, console =>
                {
                    console.MarkupLine(
                        $"Synced{(report.FullSync ? " (full)" : "")}: {Plural.Of(report.EntriesUpdated, "entry", "entries")} updated, "
                        + $"{report.EntriesDeleted} deleted, {Plural.Of(report.VaultsChanged, "vault record", "vault records")} changed, {Plural.Of(report.Pages, "page", "pages")}.");
                    foreach (var lost in report.LostAccess) console.MarkupLine($"Lost access to vault {lost}: removed from this device.");
                    foreach (var line in problems) console.MarkupLine($"[yellow]{Markup.Escape(line)}[/]");
                    foreach (var vault in payload.unverifiedHistory)
                        console.MarkupLine($"Vault {Markup.Escape(session.VaultName(vault))} ({vault}): history unverified (no signed records yet; an admin runs: pm vault checkpoint VAULT).");
                    console.MarkupLine($"This device now holds {Plural.Of(payload.vaults, "vault", "vaults")} and {Plural.Of(payload.entries, "entry", "entries")}.");
                });
                return ExitCodes.Ok;
            },
            syncFirst: false);
        return command;
    }

    private static async Task<SyncReport> RunWithProgressAsync(Output output, VaultSession session, CancellationToken cancellationToken)
    {
        if (Console.IsErrorRedirected || output.Json) return await session.SyncAsync(progress: null, cancellationToken);
        SyncReport? report = null;
        await output.Stderr.Progress()
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Syncing…", maxValue: 1);
                task.IsIndeterminate = true;
                var reporter = new Progress<SyncProgress>(p => task.Description = $"Syncing: page {p.Pages}, {Plural.Of(p.Entries, "change", "changes")}{(p.HasMore ? ", more to come" : "")}");
                report = await session.SyncAsync(reporter, cancellationToken);
                task.Value = 1;
                task.StopTask();
            });
        return report!;
    }
}
