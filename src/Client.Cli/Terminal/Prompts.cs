using PasswordManager.Client.Cli.Errors;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Terminal;

internal static class Prompts
{
    /// <summary>The option's value, else a prompt (with <paramref name="fallback"/> as the default), else a usage error naming the option.</summary>
    public static string Text(Output output, string? value, string label, string option, string? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        if (!Output.CanPrompt)
        {
            return fallback ?? throw CliException.Usage($"Missing {option}. Pass it as an option when there is no terminal to ask on.");
        }

        var prompt = new TextPrompt<string>(label);
        if (fallback is not null) prompt.DefaultValue(fallback);
        return output.Stderr.Prompt(prompt).Trim();
    }
}
