using System.Text.RegularExpressions;

namespace PasswordManager.Client.Cli.Terminal;

internal static partial class Shell
{
    /// <summary>The word as a POSIX shell reads it back, so a suggested command can be pasted: <c>GitHub</c>, <c>'My bank'</c>.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Plain().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_./:@%+=,-]+$")]
    private static partial Regex Plain();
}
