using System.Text.RegularExpressions;

namespace PasswordManager.Infrastructure.Common.Storage;

internal static partial class BlobKey
{
    /// <summary>Lower-case segments of letters, digits, '.', '_' and '-', none of them "." or "..".</summary>
    public static void EnsureValid(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > 512 || !Pattern().IsMatch(key) || key.Split('/').Any(s => s is "." or ".."))
            throw new ArgumentException("The blob key is not a valid relative key.", nameof(key));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
