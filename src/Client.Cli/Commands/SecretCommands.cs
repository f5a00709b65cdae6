using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using PasswordManager.Client.Cli.Configuration;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm read and pm run: one field of one entry, by a pm://VAULT/ENTRY/FIELD reference, for scripts.</summary>
internal static partial class SecretCommands
{
    private const string scheme = "pm://";

    public static IEnumerable<Command> Create() => [Read(), Run()];

    private static Command Read()
    {
        var reference = new Argument<string>("REFERENCE") { Description = "pm://VAULT/ENTRY/FIELD (names or ids; percent-encode '/' and '%' inside a name)" };
        var noNewline = new Option<bool>("--no-newline", "-n") { Description = "Do not end the value with a newline" };
        var command = new Command("read", "Print one field of an entry: password, username, url, notes, name, or a custom field") { reference, noNewline };
        command.SetVaultAction(async (context, session, token) =>
        {
            var text = context.ParseResult.GetValue(reference)!;
            var value = await new SecretReader(context, session).ReadAsync(SecretReference.Parse(text), token);
            if (context.Output.Json)
            {
                context.Output.Result(new { reference = text, value }, _ => { });
            }
            else
            {
                Console.Out.Write(value);
                if (!context.ParseResult.GetValue(noNewline)) Console.Out.WriteLine();
            }

            return ExitCodes.Ok;
        }, syncFirst: false);
        return command;
    }

    private static Command Run()
    {
        var environment = new Option<string[]>("--env", "-e")
        {
            Description = "NAME=pm://VAULT/ENTRY/FIELD: set NAME to that field in the command's environment (repeatable)",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var commandLine = new Argument<string[]>("COMMAND") { Description = "The command and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        var command = new Command("run", "Run a command with secrets in its environment (never on its command line or on disk); exits with its exit code")
        {
            environment, commandLine, VaultSession.PasswordStdinOption,
        };
        command.SetCliAction(async (context, token) =>
        {
            var parse = context.ParseResult;
            var requested = (parse.GetValue(environment) ?? []).Select(ParseAssignment).ToList();
            if (requested.Count == 0) throw CliException.Usage("Name at least one secret: pm run --env NAME=pm://VAULT/ENTRY/FIELD -- COMMAND");
            var duplicate = requested.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw CliException.Usage($"--env {duplicate.Key} is given twice.");
            var arguments = parse.GetValue(commandLine) ?? [];

            var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var session = await VaultSession.OpenAsync(context, token))
            {
                var reader = new SecretReader(context, session);
                foreach (var (name, reference) in requested) secrets[name] = await reader.ReadAsync(reference, token);
            }

            return await RunChildAsync(arguments, secrets);
        });
        return command;
    }

    /// <summary>Starts the command with the secrets added to pm's environment (minus pm's own credentials) and waits for it.</summary>
    private static async Task<int> RunChildAsync(string[] arguments, Dictionary<string, string> secrets)
    {
        var start = new ProcessStartInfo(arguments[0]) { UseShellExecute = false };
        foreach (var argument in arguments.Skip(1)) start.ArgumentList.Add(argument);
        start.Environment.Remove(UnlockStore.EnvironmentVariable);
        start.Environment.Remove(PasswordReader.EnvironmentVariable);
        foreach (var (name, value) in secrets) start.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw CliException.Usage($"Could not start '{arguments[0]}'.");
        }
        catch (Win32Exception failed)
        {
            throw new CliException(ExitCodes.Usage, "cli.command_failed", $"Could not start '{arguments[0]}': {failed.Message}");
        }

        using (process)
        {
            // Ctrl-C reaches the child through the terminal's process group; pm waits for it to end either way.
            await process.WaitForExitAsync(CancellationToken.None);
            return process.ExitCode;
        }
    }

    private static (string Name, SecretReference Reference) ParseAssignment(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? text[..equals] : "";
        if (!EnvironmentName().IsMatch(name))
            throw CliException.Usage($"--env '{text}' is not NAME=pm://VAULT/ENTRY/FIELD (NAME: letters, digits and _, not starting with a digit).");
        return (name, SecretReference.Parse(text[(equals + 1)..]));
    }

    private static async Task<string> ResolveAsync(VaultSession session, SecretReference reference, CancellationToken cancellationToken)
    {
        var vault = await session.ResolveVaultAsync(reference.Vault, createPersonal: false, cancellationToken);
        var entry = session.ResolveEntry(reference.Entry, vault.VaultId);
        var data = session.Operations.Decrypt(entry).Data;
        return Field(data, reference, vault.Name);
    }

    private static string Field(EntryData data, SecretReference reference, string vaultName)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = data.Name,
            ["username"] = data.Username,
            ["password"] = data.Password,
            ["url"] = data.Url,
            ["notes"] = data.Notes,
            ["totp"] = data.Totp,
            ["folder"] = data.Folder,
        };
        foreach (var field in data.Fields ?? []) fields.TryAdd(field.Name, field.Value);
        foreach (var (name, value) in data.Extra ?? [])
        {
            if (!fields.ContainsKey(name) && value.ValueKind == JsonValueKind.String) fields[name] = value.GetString();
        }

        if (!fields.TryGetValue(reference.Field, out var found))
        {
            throw new CliException(
                ExitCodes.NotFoundOrConflict,
                "cli.not_found",
                $"Entry '{data.Name}' in {vaultName} has no field '{reference.Field}'. Fields: {string.Join(", ", fields.Keys)}.");
        }

        return string.IsNullOrEmpty(found)
            ? throw new CliException(ExitCodes.NotFoundOrConflict, "cli.not_found", $"Entry '{data.Name}' in {vaultName} has no {reference.Field.ToLowerInvariant()} set.")
            : found;
    }

    /// <summary>
    /// Resolves references with as little transfer as the cache allows. A warm cache (it has a sync cursor) is brought up to
    /// date once, as every vault command does. A cold one is not synced whole: the vault list resolves the vault and the
    /// server's blind name index (docs/crypto-format.md §20) the entry, fetching only the entries of that name, each
    /// verified as sync verifies it. Anything the index cannot answer alone — an id, no match, several, a refusal —
    /// falls back to a full sync and the usual resolution, so the answer never differs from a synced read.
    /// </summary>
    private sealed class SecretReader(CliContext context, VaultSession session)
    {
        private bool synced;

        public async Task<string> ReadAsync(SecretReference reference, CancellationToken cancellationToken)
        {
            if (!synced && session.Cache.Cursor is null && await ReadByNameIndexAsync(reference, cancellationToken) is { } value) return value;
            if (!synced)
            {
                await context.Output.StatusAsync("Syncing…", async () => { await session.SyncQuietlyAsync(cancellationToken); return true; });
                synced = true;
            }

            return await ResolveAsync(session, reference, cancellationToken);
        }

        private async Task<string?> ReadByNameIndexAsync(SecretReference reference, CancellationToken cancellationToken)
        {
            var name = reference.Entry.Trim();
            if (Guid.TryParse(name, out _)) return null;
            await session.Operations.LoadVaultsAsync(session.Cache, cancellationToken);
            var vault = await session.ResolveVaultAsync(reference.Vault, createPersonal: false, cancellationToken);
            var lookup = await session.Operations.FindByNameAsync(session.Cache, vault.VaultId, name, cancellationToken);
            // Kept even when the lookup does not decide: the versions held make a later rollback visible.
            await session.SaveAsync(cancellationToken);
            if (lookup.Rollbacks.Count > 0 || lookup.Rejected.Count > 0) return null;
            var named = lookup.Entries
                .Select(session.Operations.Decrypt)
                .Where(e => string.Equals(e.Data.Name, name, StringComparison.OrdinalIgnoreCase))
                .ToList();
            return named is [var one] ? Field(one.Data, reference, vault.Name) : null;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();

    /// <summary>pm://VAULT/ENTRY/FIELD, each part percent-decoded.</summary>
    private sealed record SecretReference(string Vault, string Entry, string Field)
    {
        public static SecretReference Parse(string text)
        {
            var parts = text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? text[scheme.Length..].Split('/') : [];
            if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
                throw CliException.Usage($"'{text}' is not a secret reference. Example: pm://Personal/GitHub/password");
            return new SecretReference(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]), Uri.UnescapeDataString(parts[2]));
        }
    }
}
