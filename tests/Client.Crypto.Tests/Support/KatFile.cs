using System.Text.RegularExpressions;

namespace PasswordManager.Client.Crypto.Tests.Support;

/// <summary>Reads the ```kat blocks of docs/crypto-format.md (copied next to the test assembly).</summary>
internal static partial class KatFile
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> cache = new(Load);

    public static string Text(string name) =>
        cache.Value.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No vector '{name}' in crypto-format.md.");

    public static byte[] Hex(string name) => Convert.FromHexString(Text(name));

    public static Guid Guid(string name) => System.Guid.Parse(Text(name));

    public static int Int(string name) => int.Parse(Text(name), System.Globalization.CultureInfo.InvariantCulture);

    public static int Count => cache.Value.Count;

    private static Dictionary<string, string> Load()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Vectors", "crypto-format.md");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match block in KatBlock().Matches(File.ReadAllText(path)))
        {
            foreach (var line in block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var separator = line.IndexOf(" = ", StringComparison.Ordinal);
                if (separator > 0)
                {
                    values.Add(line[..separator], line[(separator + 3)..]);
                }
            }
        }

        return values;
    }

    [GeneratedRegex("```kat\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex KatBlock();
}
