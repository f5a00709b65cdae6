using System.Text.RegularExpressions;

namespace PasswordManager.Domain.Auth.Users;

/// <summary>Usernames are unique per instance, compared case-insensitively through their normal form.</summary>
public static partial class Username
{
    public const int MinLength = 3;
    public const int MaxLength = 64;

    public static bool IsValid(string? username) =>
        username is not null && username.Length is >= MinLength and <= MaxLength && Pattern().IsMatch(username);

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._@+-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
