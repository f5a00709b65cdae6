using PasswordManager.Client.Cli.Errors;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Terminal;

/// <summary>
/// Gets the master password from, in order: stdin (<c>--password-stdin</c>), <c>$PM_PASSWORD</c>, or a
/// prompt without echo. It is held in memory only for the command that needs it.
/// </summary>
internal static class PasswordReader
{
    public const string EnvironmentVariable = "PM_PASSWORD";

    public static string Read(Output output, bool fromStdin, bool confirm)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (fromStdin)
        {
            var line = Console.In.ReadLine();
            return string.IsNullOrEmpty(line) ? throw CliException.Usage("--password-stdin was given but stdin had no password line.") : line;
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment;

        if (!Output.CanPrompt)
        {
            throw CliException.Usage($"No password given and no terminal to ask on. Pass it with --password-stdin or ${EnvironmentVariable}.");
        }

        var password = Prompt(output, "Master password:");
        if (confirm && Prompt(output, "Repeat the master password:") != password)
        {
            throw CliException.Usage("The passwords do not match. Run the command again.");
        }

        return password;
    }

    private static string Prompt(Output output, string label) =>
        output.Stderr.Prompt(new TextPrompt<string>(label).Secret(null));
}
