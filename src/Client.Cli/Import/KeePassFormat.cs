using System.Xml;
using System.Xml.Linq;
using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Cli.Import;

/// <summary>
/// KeePass 2 "KeePass XML (2.x)" export (<c>KeePassFile/Root/Group/…/Entry/String{Key,Value}</c>, values in clear)
/// and the CSV exports of KeePass 2 (<c>Account,Login Name,Password,Web Site,Comments</c>) and KeePassXC
/// (<c>Group,Title,Username,Password,URL,Notes,TOTP,…</c>). The group path below the root group becomes the folder;
/// the recycle bin and entry histories are skipped; other strings become custom fields (protected ones hidden).
/// </summary>
internal static class KeePassFormat
{
    private static readonly HashSet<string> standardKeys = ["Title", "UserName", "Password", "URL", "Notes"];

    public static ImportParse ParseXml(string text)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.None);
        }
        catch (XmlException exception)
        {
            throw new ImportFormatException($"Not a KeePass XML export: {exception.Message}", exception);
        }

        var root = document.Root?.Name.LocalName == "KeePassFile" ? document.Root.Element("Root") : null;
        var top = root?.Element("Group") ?? throw new ImportFormatException("Not a KeePass XML export: no KeePassFile/Root/Group.");
        var recycleBin = document.Root!.Element("Meta")?.Element("RecycleBinUUID")?.Value;
        var items = new List<ImportedItem>();
        var warnings = new List<string>();
        Walk(top, null, recycleBin, items, warnings);
        return new ImportParse(items, warnings);
    }

    public static ImportParse ParseCsv(string text)
    {
        var rows = Csv.WithHeader(text);
        var items = new List<ImportedItem>();
        foreach (var row in rows)
        {
            var origin = $"record {row.Number}";
            var group = row.Get("Group");
            var data = new EntryData
            {
                Name = Title(row.Get("Title", "Account"), row.Get("URL", "Web Site"), row.Get("Username", "Login Name"), origin),
                Username = row.Get("Username", "Login Name"),
                Password = row.Get("Password"),
                Url = row.Get("URL", "Web Site"),
                Notes = row.Get("Notes", "Comments"),
                Totp = row.Get("TOTP"),
                Folder = group is null ? null : WithoutRoot(group),
            };
            items.Add(ImportedItem.Of(origin, data));
        }

        return new ImportParse(items, []);
    }

    private static void Walk(XElement group, string? path, string? recycleBin, List<ImportedItem> items, List<string> warnings)
    {
        foreach (var entry in group.Elements("Entry"))
        {
            var strings = entry.Elements("String").GroupBy(s => s.Element("Key")?.Value ?? "").ToDictionary(g => g.Key, g => g.First().Element("Value"));
            string? Get(string key) => strings.TryGetValue(key, out var value) && value is not null ? ImportText.Value(value.Value) : null;
            var origin = $"entry {items.Count + 1}" + (path is null ? "" : $" in {path}");
            var fields = new List<EntryField>();
            string? totp = Get("otp");
            foreach (var (key, value) in strings)
            {
                if (standardKeys.Contains(key) || key == "otp" || value is null || value.Value.Length == 0) continue;
                if (key == "TimeOtp-Secret-Base32" && totp is null)
                {
                    totp = value.Value;
                    continue;
                }

                var hidden = string.Equals(value.Attribute("Protected")?.Value, "True", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(value.Attribute("ProtectInMemory")?.Value, "True", StringComparison.OrdinalIgnoreCase);
                fields.Add(new EntryField(key, value.Value, hidden ? EntryField.HiddenType : EntryField.TextType));
            }

            var urls = new List<string?> { Get("URL") };
            urls.AddRange(fields.Where(f => f.Name.StartsWith("KP2A_URL", StringComparison.Ordinal)).Select(f => f.Value));
            fields.RemoveAll(f => f.Name.StartsWith("KP2A_URL", StringComparison.Ordinal));

            var data = new EntryData
            {
                Name = Title(Get("Title"), Get("URL"), Get("UserName"), origin),
                Username = Get("UserName"),
                Password = strings.TryGetValue("Password", out var password) && password is { Value.Length: > 0 } ? password.Value : null,
                Notes = Get("Notes"),
                Totp = totp,
                Folder = path,
                Fields = fields,
            };
            var attachments = entry.Elements("Binary").Select(b => b.Element("Key")?.Value ?? "(unnamed)").ToList();
            items.Add(new ImportedItem(origin, ImportText.WithUrls(data, urls), attachments));
        }

        foreach (var child in group.Elements("Group"))
        {
            var name = child.Element("Name")?.Value ?? "";
            if (recycleBin is { Length: > 0 } && child.Element("UUID")?.Value == recycleBin)
            {
                var skipped = child.Descendants("Entry").Count(e => e.Parent?.Name.LocalName != "History");
                if (skipped > 0) warnings.Add($"The recycle bin ({skipped} entr{(skipped == 1 ? "y" : "ies")}) was not imported.");
                continue;
            }

            Walk(child, path is null ? name : $"{path}/{name}", recycleBin, items, warnings);
        }
    }

    /// <summary>KeePass entries may have no title; the URL's host or the username stands in.</summary>
    private static string Title(string? title, string? url, string? username, string origin)
    {
        if (title is not null) return title.Trim();
        if (url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Host.Length > 0) return uri.Host;
        return username?.Trim() ?? throw new ImportFormatException($"{origin} has no title, URL or user name.");
    }

    /// <summary>KeePassXC's CSV names groups from the root ("Root/Email"); the root itself is no folder.</summary>
    private static string? WithoutRoot(string group)
    {
        var slash = group.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? null : ImportText.Value(group[(slash + 1)..]);
    }
}
