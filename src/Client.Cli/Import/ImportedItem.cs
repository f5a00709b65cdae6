using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Cli.Import;

/// <summary>
/// One entry read from another manager's export, before encryption. <see cref="Origin"/> says where in the file it
/// was ("item 3", "record 7"); <see cref="Attachments"/> names files the export only refers to (never imported).
/// </summary>
internal sealed record ImportedItem(string Origin, EntryData Data, IReadOnlyList<string> Attachments)
{
    public static ImportedItem Of(string origin, EntryData data) => new(origin, data, []);
}

/// <summary>What a parser read: the entries, and notes about what it skipped or could not carry over.</summary>
internal sealed record ImportParse(IReadOnlyList<ImportedItem> Items, IReadOnlyList<string> Warnings);

/// <summary>A file that is not a valid export of the named format; the message names the position.</summary>
internal sealed class ImportFormatException(string message, Exception? inner = null) : FormatException(message, inner);

internal static class ImportText
{
    /// <summary>Null for null, empty or whitespace-only text; otherwise the text unchanged.</summary>
    public static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The first address is the entry's url, the others its urls.</summary>
    public static EntryData WithUrls(EntryData data, IEnumerable<string?> urls)
    {
        var all = urls.Select(u => u?.Trim()).Where(u => !string.IsNullOrEmpty(u)).Cast<string>().Distinct(StringComparer.Ordinal).ToList();
        return data with { Url = all.FirstOrDefault(), Urls = all.Count > 1 ? all.Skip(1).ToList() : null };
    }
}
