using PasswordManager.Client.Cli.Errors;

namespace PasswordManager.Client.Cli.Terminal;

/// <summary>
/// The client-side check of a new master password (the server never sees it, so only the client can refuse a weak
/// one): at least <see cref="MinLength"/> characters, and a zxcvbn score of at least <see cref="MinScore"/> with the
/// username counted as a guessable word. <c>--allow-weak</c> lets a weak (but long enough) password through.
/// </summary>
internal static class MasterPasswordStrength
{
    public const int MinLength = 12;
    public const int MinScore = 3;

    public static void Require(string password, string? username, bool allowWeak)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinLength)
        {
            throw CliException.Usage(
                $"The master password must have at least {MinLength} characters (it has {password.Length}). Nothing can recover it, so make it long: four or more random words work well.");
        }

        var estimate = Estimate(password, username);
        if (estimate.Score >= MinScore || allowWeak) return;
        throw CliException.Usage(
            $"The master password is too weak (strength {estimate.Score} of 4, at least {MinScore} needed; estimated time to crack offline: {estimate.CrackTime}). "
            + $"{string.Join(" ", estimate.Reasons)} Add more unrelated words or characters, or pass --allow-weak to use it anyway.");
    }

    public static (int Score, string CrackTime, IReadOnlyList<string> Reasons) Estimate(string password, string? username)
    {
        string[] inputs = username is { Length: > 0 } name ? [name, .. name.Split('.', '_', '@', '+', '-')] : [];
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, inputs);
        var reasons = new List<string>();
        foreach (var match in result.MatchSequence)
        {
            var dictionary = (match as Zxcvbn.Matcher.DictionaryMatch)?.DictionaryName;
            var reason = match.Pattern switch
            {
                "dictionary" when dictionary == "user_inputs" => "It contains your username.",
                "dictionary" when dictionary == "passwords" => "It contains one of the most common passwords.",
                "dictionary" => "It is built from common words or names.",
                "spatial" => "It contains a keyboard pattern (like qwerty or asdf).",
                "repeat" => "It repeats characters.",
                "sequence" => "It contains a sequence (like abc or 123).",
                "date" or "year" => "It contains a date or year.",
                "digits" => "It contains a run of digits.",
                _ => null,
            };
            if (reason is not null && !reasons.Contains(reason)) reasons.Add(reason);
        }

        if (reasons.Count == 0) reasons.Add("It is too short for its variety of characters.");
        return (result.Score, result.CrackTimeDisplay, reasons);
    }
}
