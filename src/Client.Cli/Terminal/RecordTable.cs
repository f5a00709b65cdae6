using Spectre.Console;

namespace PasswordManager.Client.Cli.Terminal;

/// <summary>
/// A list result: a Spectre table on a terminal; otherwise one record per line, tab-separated, in the column
/// order given, without header, footer or wrapping ("-" for an empty cell), so that scripts can cut and grep it.
/// Cells are Spectre markup.
/// </summary>
internal sealed class RecordTable(params string[] columns)
{
    private readonly List<string[]> rows = [];

    /// <summary>A line above the table on a terminal (a title); not written when stdout is not a terminal.</summary>
    public string? Header { get; set; }

    /// <summary>A line under the table on a terminal (a count, a hint); not written when stdout is not a terminal.</summary>
    public string? Footer { get; set; }

    public void AddRow(params string[] cells) => rows.Add(cells);

    public void WriteTo(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (Console.IsOutputRedirected)
        {
            foreach (var row in rows) Console.Out.WriteLine(string.Join('\t', row.Select(Plain)));
            return;
        }

        if (Header is not null) console.MarkupLine(Header);
        var table = new Table().AddColumns(columns);
        foreach (var row in rows) table.AddRow(row);
        console.Write(table);
        if (Footer is not null) console.MarkupLine(Footer);
    }

    private static string Plain(string markup)
    {
        var text = Markup.Remove(markup).Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ').Trim();
        return text.Length == 0 ? "-" : text;
    }
}
