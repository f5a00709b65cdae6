using System.Text;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>Searches every file under some roots for secrets as raw bytes, hex and base64 (padded, unpadded, URL-safe).</summary>
internal sealed class SecretScanner
{
    private readonly List<(string Name, byte[] Pattern)> patterns = [];

    public void AddText(string name, string secret) => patterns.Add((name, Encoding.UTF8.GetBytes(secret)));

    public void AddBytes(string name, byte[] secret)
    {
        var base64 = Convert.ToBase64String(secret);
        patterns.Add(($"{name} (raw)", secret));
        AddText($"{name} (hex)", Convert.ToHexStringLower(secret));
        AddText($"{name} (HEX)", Convert.ToHexString(secret));
        AddText($"{name} (base64)", base64.TrimEnd('='));
        AddText($"{name} (base64url)", base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }

    /// <summary>Returns "secret in file" for every hit; empty means clean.</summary>
    public IReadOnlyList<string> Scan(IEnumerable<string> roots, out int filesScanned)
    {
        var hits = new List<string>();
        filesScanned = 0;
        foreach (var file in roots.Where(r => File.Exists(r) || Directory.Exists(r)).SelectMany(Files))
        {
            if (TryRead(file) is not { } content) continue;
            filesScanned++;
            hits.AddRange(patterns.Where(p => content.AsSpan().IndexOf(p.Pattern) >= 0).Select(p => $"{p.Name} in {file}"));
        }

        return hits;
    }

    /// <summary>Null when the file vanished between listing and reading (other tests share the S3 folder).</summary>
    private static byte[]? TryRead(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Files(string root) =>
        File.Exists(root) ? [root] : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories);
}
