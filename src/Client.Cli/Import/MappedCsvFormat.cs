using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Cli.Import;

/// <summary>
/// Any CSV with a header row, mapped by <c>--map name=COL,username=COL,…</c>: targets <c>name</c> (required),
/// <c>username</c>, <c>password</c>, <c>url</c>, <c>notes</c>, <c>folder</c>, <c>totp</c>, and <c>field.LABEL</c> for a
/// custom field; COL is a header name (case-insensitive). Unmapped columns are not imported.
/// </summary>
internal static class MappedCsvFormat
{
    private static readonly HashSet<string> targets = new(StringComparer.OrdinalIgnoreCase) { "name", "username", "password", "url", "notes", "folder", "totp" };

    /// <exception cref="ImportFormatException">The map is malformed or names a column the file does not have.</exception>
    public static ImportParse Parse(string text, string? map)
    {
        if (string.IsNullOrWhiteSpace(map)) throw new ImportFormatException("--from csv needs --map, e.g. --map name=Title,username=Login,password=Password,url=Website");
        var mapping = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in map.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1) throw new ImportFormatException($"--map: '{pair}' is not TARGET=COLUMN.");
            var target = pair[..equals].Trim();
            if (!targets.Contains(target) && !(target.StartsWith("field.", StringComparison.OrdinalIgnoreCase) && target.Length > 6))
                throw new ImportFormatException($"--map: unknown target '{target}' (name, username, password, url, notes, folder, totp, field.LABEL).");
            if (!mapping.TryAdd(target, pair[(equals + 1)..].Trim())) throw new ImportFormatException($"--map: '{target}' is mapped twice.");
        }

        if (!mapping.ContainsKey("name")) throw new ImportFormatException("--map must map name (the entry name), e.g. name=Title.");
        var rows = Csv.WithHeader(text);
        if (rows.Count > 0)
        {
            var missing = mapping.Values.Where(column => !rows[0].Has(column)).ToList();
            if (missing.Count > 0)
                throw new ImportFormatException($"--map names columns the file does not have: {string.Join(", ", missing)}. Its columns: {string.Join(", ", rows[0].Header)}.");
        }

        string? Get(CsvRow row, string target) => mapping.TryGetValue(target, out var column) ? row.Get(column) : null;
        var items = new List<ImportedItem>();
        foreach (var row in rows)
        {
            var origin = $"record {row.Number}";
            var data = new EntryData
            {
                Name = BitwardenFormat.Name(Get(row, "name"), origin),
                Username = Get(row, "username"),
                Password = Get(row, "password"),
                Url = Get(row, "url")?.Trim(),
                Notes = Get(row, "notes"),
                Folder = Get(row, "folder")?.Trim(),
                Totp = Get(row, "totp")?.Trim(),
                Fields = [.. mapping.Where(m => m.Key.StartsWith("field.", StringComparison.OrdinalIgnoreCase))
                    .Select(m => new EntryField(m.Key[6..], row.Get(m.Value)))
                    .Where(f => f.Value is not null)],
            };
            items.Add(ImportedItem.Of(origin, data));
        }

        return new ImportParse(items, []);
    }
}
