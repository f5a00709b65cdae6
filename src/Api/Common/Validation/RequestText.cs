namespace PasswordManager.Api.Common.Validation;

/// <summary>
/// The one rule for every string the API accepts, wherever it comes from (JSON body at any depth, route, query,
/// headers): no control character (U+0000–U+001F, U+007F–U+009F, tab and line breaks included: no field of this
/// API is multi-line text) and well-formed UTF-16 (no unpaired surrogate). PostgreSQL refuses NUL, and nothing
/// the API stores or shows needs the others.
/// </summary>
internal static class RequestText
{
    public const string Problem = "must not contain control characters or invalid Unicode.";

    public static bool IsAcceptable(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('\u0000', '\u001f') >= 0 || text.IndexOfAnyInRange('\u007f', '\u009f') >= 0) return false;
        var first = text.IndexOfAnyInRange('\ud800', '\udfff');
        if (first < 0) return true;
        for (var i = first; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (!char.IsHighSurrogate(text[i]) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
            i++;
        }

        return true;
    }
}
