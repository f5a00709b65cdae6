using System.CommandLine;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Vault;

internal static class VaultCommandRunner
{
    public static readonly Option<string?> VaultOption = new("--vault", "-v") { Description = "Vault name or id (default: your personal vault)" };

    public static readonly Option<bool> GenerateOption = new("--generate", "-g") { Description = "Generate the entry's password (CSPRNG)" };

    public static readonly Option<int> LengthOption = new("--length")
    {
        Description = $"Length of a generated password ({PasswordGenerator.MinLength}-{PasswordGenerator.MaxLength})",
        DefaultValueFactory = _ => PasswordGenerator.DefaultLength,
    };

    public static readonly Option<bool> NoSymbolsOption = new("--no-symbols") { Description = "Generate letters and digits only" };

    public static readonly Option<bool> EntryPasswordStdinOption = new("--entry-password-stdin")
    {
        Description = "Read the entry's password from stdin (the line after the master password's with --password-stdin)",
    };

    /// <summary>Adds the master-password option and runs <paramref name="body"/> with an unlocked, freshly synced session.</summary>
    public static void SetVaultAction(this Command command, Func<CliContext, VaultSession, CancellationToken, Task<int>> body, bool syncFirst = true)
    {
        command.Options.Add(VaultSession.PasswordStdinOption);
        command.SetCliAction(async (context, token) =>
        {
            using var session = await VaultSession.OpenAsync(context, token);
            if (syncFirst) await context.Output.StatusAsync("Syncing…", async () => { await session.SyncQuietlyAsync(token); return true; });
            return await body(context, session, token);
        });
    }

    /// <summary>The new entry password from --generate, --entry-password-stdin or a prompt; null when none of them applies.</summary>
    public static string? ReadEntryPassword(CliContext context, bool prompt)
    {
        var parse = context.ParseResult;
        if (parse.GetValue(GenerateOption))
        {
            var length = parse.GetValue(LengthOption);
            if (length is < PasswordGenerator.MinLength or > PasswordGenerator.MaxLength)
                throw CliException.Usage($"--length must be between {PasswordGenerator.MinLength} and {PasswordGenerator.MaxLength}.");
            return PasswordGenerator.Generate(length, !parse.GetValue(NoSymbolsOption));
        }

        if (parse.GetValue(EntryPasswordStdinOption))
        {
            var line = Console.In.ReadLine();
            return string.IsNullOrEmpty(line) ? throw CliException.Usage("--entry-password-stdin was given but stdin had no password line.") : line;
        }

        if (!prompt) return null;
        if (!Output.CanPrompt)
            throw CliException.Usage("No entry password: pass --generate or --entry-password-stdin (or --no-password) when there is no terminal to ask on.");
        var first = context.Output.Stderr.Prompt(new TextPrompt<string>("Entry password:").Secret(null).AllowEmpty());
        var second = context.Output.Stderr.Prompt(new TextPrompt<string>("Repeat the entry password:").Secret(null).AllowEmpty());
        return first == second ? first : throw CliException.Usage("The entry passwords do not match. Run the command again.");
    }
}
