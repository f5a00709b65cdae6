using System.Globalization;

namespace PasswordManager.Client.Cli.Terminal;

internal static class Plural
{
    /// <summary>"1 entry", "2 entries", "0 entries".</summary>
    public static string Of(long count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
