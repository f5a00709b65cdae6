using System.IO.Compression;
using System.Text.Json;
using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Cli.Import;

/// <summary>
/// 1Password's exports: 1PUX (a zip whose <c>export.data</c> is JSON: accounts → vaults → items, each with
/// <c>overview</c> {title, url, urls, tags} and <c>details</c> {loginFields, notesPlain, sections[].fields[],
/// documentAttributes}) and CSV (1Password 8: <c>Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes</c>).
/// The 1Password vault becomes the folder; section fields become custom fields, a <c>totp</c> value the TOTP seed;
/// trashed items are skipped; documents and files are reported, not imported.
/// </summary>
internal static class OnePasswordFormat
{
    private const string LoginCategory = "001";
    private const string SecureNoteCategory = "003";
    private const string PasswordCategory = "005";

    public static ImportParse ParseOnePux(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var data = zip.GetEntry("export.data") ?? throw new ImportFormatException("Not a 1PUX export: the archive has no export.data.");
            using var stream = data.Open();
            using var document = JsonDocument.Parse(stream);
            return ParseExportData(document.RootElement);
        }
        catch (InvalidDataException exception)
        {
            throw new ImportFormatException($"Not a 1PUX export (not a zip archive): {exception.Message}", exception);
        }
        catch (JsonException exception)
        {
            throw new ImportFormatException($"Not a 1PUX export: export.data is not JSON: {exception.Message}", exception);
        }
    }

    public static ImportParse ParseCsv(string text)
    {
        var rows = Csv.WithHeader(text);
        if (rows.Count > 0 && !rows[0].Has("Title")) throw new ImportFormatException("Not a 1Password CSV export: no \"Title\" column.");
        var items = new List<ImportedItem>();
        var warnings = new List<string>();
        foreach (var row in rows)
        {
            var origin = $"record {row.Number}";
            if (row.Get("Archived")?.Trim().ToLowerInvariant() is "true" or "1")
                warnings.Add($"{origin} ({row.Get("Title")}) is archived in 1Password; imported all the same.");
            var tags = row.Get("Tags");
            var data = new EntryData
            {
                Name = BitwardenFormat.Name(row.Get("Title"), origin),
                Username = row.Get("Username"),
                Password = row.Get("Password"),
                Totp = row.Get("OTPAuth", "One-time password"),
                Notes = row.Get("Notes", "notesPlain"),
                Favorite = row.Get("Favorite")?.Trim().ToLowerInvariant() is "true" or "1",
                Folder = tags?.Split(',').Select(t => t.Trim()).FirstOrDefault(t => t.Length > 0),
            };
            items.Add(ImportedItem.Of(origin, ImportText.WithUrls(data, (row.Get("Url", "URL", "Website") ?? "").Split(','))));
        }

        return new ImportParse(items, warnings);
    }

    private static ImportParse ParseExportData(JsonElement root)
    {
        if (!root.TryGetProperty("accounts", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
            throw new ImportFormatException("Not a 1PUX export: export.data has no \"accounts\".");
        var items = new List<ImportedItem>();
        var warnings = new List<string>();
        foreach (var account in accounts.EnumerateArray())
        {
            if (!account.TryGetProperty("vaults", out var vaults) || vaults.ValueKind != JsonValueKind.Array) continue;
            foreach (var vault in vaults.EnumerateArray())
            {
                var vaultName = vault.TryGetProperty("attrs", out var attrs) ? BitwardenFormat.String(attrs, "name") : null;
                if (!vault.TryGetProperty("items", out var vaultItems) || vaultItems.ValueKind != JsonValueKind.Array) continue;
                foreach (var item in vaultItems.EnumerateArray())
                {
                    var origin = $"item {items.Count + 1}" + (vaultName is null ? "" : $" in {vaultName}");
                    if (BitwardenFormat.String(item, "state") == "trashed")
                    {
                        warnings.Add($"{origin} is in 1Password's trash: not imported.");
                        continue;
                    }

                    items.Add(Item(item, origin, vaultName, warnings));
                }
            }
        }

        return new ImportParse(items, warnings);
    }

    private static ImportedItem Item(JsonElement item, string origin, string? vaultName, List<string> warnings)
    {
        var overview = item.TryGetProperty("overview", out var o) ? o : default;
        var details = item.TryGetProperty("details", out var d) ? d : default;
        var category = BitwardenFormat.String(item, "categoryUuid");
        var name = BitwardenFormat.Name(BitwardenFormat.String(overview, "title"), origin);

        string? username = null, password = null, totp = null;
        var fields = new List<EntryField>();
        if (details.ValueKind == JsonValueKind.Object && details.TryGetProperty("loginFields", out var loginFields) && loginFields.ValueKind == JsonValueKind.Array)
        {
            foreach (var field in loginFields.EnumerateArray())
            {
                var value = BitwardenFormat.String(field, "value");
                switch (BitwardenFormat.String(field, "designation"))
                {
                    case "username": username ??= ImportText.Value(value); break;
                    case "password": password ??= string.IsNullOrEmpty(value) ? null : value; break;
                    default:
                        if (!string.IsNullOrEmpty(value))
                        {
                            var fieldName = BitwardenFormat.String(field, "name") ?? "field";
                            fields.Add(new EntryField(fieldName, value, BitwardenFormat.String(field, "fieldType") == "P" ? EntryField.HiddenType : EntryField.TextType));
                        }

                        break;
                }
            }
        }

        if (details.ValueKind == JsonValueKind.Object && details.TryGetProperty("password", out var plainPassword) && plainPassword.ValueKind == JsonValueKind.String)
            password ??= ImportText.Value(plainPassword.GetString());

        if (details.ValueKind == JsonValueKind.Object && details.TryGetProperty("sections", out var sections) && sections.ValueKind == JsonValueKind.Array)
        {
            foreach (var section in sections.EnumerateArray())
            {
                if (!section.TryGetProperty("fields", out var sectionFields) || sectionFields.ValueKind != JsonValueKind.Array) continue;
                foreach (var field in sectionFields.EnumerateArray())
                {
                    var title = BitwardenFormat.String(field, "title") ?? BitwardenFormat.String(field, "id") ?? "field";
                    if (!field.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object) continue;
                    foreach (var typed in value.EnumerateObject())
                    {
                        if (typed.Name == "totp" && typed.Value.ValueKind == JsonValueKind.String && totp is null)
                        {
                            totp = ImportText.Value(typed.Value.GetString());
                            continue;
                        }

                        var text = typed.Value.ValueKind switch
                        {
                            JsonValueKind.String => typed.Value.GetString(),
                            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => typed.Value.GetRawText(),
                            JsonValueKind.Null or JsonValueKind.Undefined => null,
                            _ => typed.Value.GetRawText(),
                        };
                        if (string.IsNullOrEmpty(text) || typed.Name == "file") continue;

                        fields.Add(new EntryField(title, text, typed.Name == "concealed" ? EntryField.HiddenType : EntryField.TextType));
                    }
                }
            }
        }

        var urls = new List<string?> { BitwardenFormat.String(overview, "url") };
        if (overview.ValueKind == JsonValueKind.Object && overview.TryGetProperty("urls", out var overviewUrls) && overviewUrls.ValueKind == JsonValueKind.Array)
            urls.AddRange(overviewUrls.EnumerateArray().Select(u => BitwardenFormat.String(u, "url")));
        if (overview.ValueKind == JsonValueKind.Object && overview.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array && tags.GetArrayLength() > 0)
            fields.Add(new EntryField("tags", string.Join(", ", tags.EnumerateArray().Select(t => t.GetString()))));

        var attachments = new List<string>();
        if (details.ValueKind == JsonValueKind.Object && details.TryGetProperty("documentAttributes", out var document) && document.ValueKind == JsonValueKind.Object)
            attachments.Add(BitwardenFormat.String(document, "fileName") ?? "(document)");
        if (details.ValueKind == JsonValueKind.Object && details.TryGetProperty("sections", out var fileSections) && fileSections.ValueKind == JsonValueKind.Array)
        {
            attachments.AddRange(fileSections.EnumerateArray()
                .Where(s => s.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array)
                .SelectMany(s => s.GetProperty("fields").EnumerateArray())
                .Where(f => f.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("file", out _))
                .Select(f => BitwardenFormat.String(f.GetProperty("value").GetProperty("file"), "fileName") ?? "(file)"));
        }

        if (category is not (LoginCategory or SecureNoteCategory or PasswordCategory))
            warnings.Add($"{origin} ({name}) is a 1Password item of category {category}: imported with its fields as custom fields.");

        var data = new EntryData
        {
            Type = category == SecureNoteCategory ? EntryData.NoteType : EntryData.LoginType,
            Name = name,
            Username = username,
            Password = password,
            Notes = details.ValueKind == JsonValueKind.Object ? ImportText.Value(BitwardenFormat.String(details, "notesPlain")) : null,
            Totp = totp,
            Folder = vaultName,
            Favorite = item.TryGetProperty("favIndex", out var fav) && fav.ValueKind == JsonValueKind.Number && fav.GetInt32() > 0,
            Fields = fields,
        };
        return new ImportedItem(origin, ImportText.WithUrls(data, urls), attachments);
    }
}
