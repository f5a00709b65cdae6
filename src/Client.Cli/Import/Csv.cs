using System.Text;

namespace PasswordManager.Client.Cli.Import;

/// <summary>RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; a UTF-8 BOM is skipped.</summary>
internal static class Csv
{
    /// <exception cref="FormatException">A quoted field is not closed, or a quote stands inside an unquoted field.</exception>
    public static List<string[]> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<string[]>();
        var record = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var quoted = false;
        var fieldStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                        throw new FormatException($"CSV line {line}: text after a closing quote.");
                    continue;
                }

                if (c == '\n') line++;
                field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    i++;
                    break;
                case '"':
                    throw new FormatException($"CSV line {line}: a quote inside an unquoted field.");
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    i++;
                    break;
                case '\r' or '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    if (record.Count > 1 || record[0].Length > 0) records.Add([.. record]);
                    record.Clear();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    i++;
                    break;
            }
        }

        if (quoted) throw new FormatException($"CSV line {line}: a quoted field is not closed.");
        if (field.Length > 0 || record.Count > 0 || fieldStarted)
        {
            record.Add(field.ToString());
            if (record.Count > 1 || record[0].Length > 0) records.Add([.. record]);
        }

        return records;
    }

    /// <summary>Rows as column name → value, by the header row (names compared case-insensitively).</summary>
    public static List<CsvRow> WithHeader(string text)
    {
        var records = Parse(text);
        if (records.Count == 0) throw new FormatException("The CSV file is empty (not even a header row).");
        var header = records[0].Select(h => h.Trim()).ToArray();
        var rows = new List<CsvRow>();
        for (var r = 1; r < records.Count; r++)
        {
            if (records[r].Length > header.Length && records[r].Skip(header.Length).Any(v => v.Length > 0))
                throw new FormatException($"CSV record {r + 1} has {records[r].Length} fields; the header has {header.Length}.");
            rows.Add(new CsvRow(header, records[r], r + 1));
        }

        return rows;
    }
}

/// <summary>One CSV record under its header; <see cref="Number"/> counts records, the header being 1.</summary>
internal sealed class CsvRow(string[] header, string[] values, int number)
{
    public int Number { get; } = number;

    public IReadOnlyList<string> Header => header;

    public bool Has(string column) => Array.FindIndex(header, h => h.Equals(column, StringComparison.OrdinalIgnoreCase)) >= 0;

    /// <summary>The value of the first of <paramref name="columns"/> the header has, trimmed; null when empty or absent.</summary>
    public string? Get(params string[] columns)
    {
        foreach (var column in columns)
        {
            var index = Array.FindIndex(header, h => h.Equals(column, StringComparison.OrdinalIgnoreCase));
            if (index < 0) continue;
            var value = index < values.Length ? values[index] : "";
            return value.Trim().Length == 0 ? null : value;
        }

        return null;
    }
}
