using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Cli.Import;

/// <summary>
/// Bitwarden's unencrypted exports: JSON (<c>{"encrypted":false,"folders":[…],"items":[…]}</c>, item types
/// 1 login, 2 secure note, 3 card, 4 identity, 5 SSH key) and CSV (<c>folder,favorite,type,name,notes,fields,
/// reprompt,login_uri,login_username,login_password,login_totp</c>; organisation exports have <c>collections</c>
/// instead of <c>folder</c>). Cards, identities and SSH keys are kept whole in the entry (members <c>card</c>,
/// <c>identity</c>, <c>sshKey</c>) so that <see cref="Write"/> gives them back.
/// </summary>
internal static class BitwardenFormat
{
    /// <summary>Bitwarden's login URIs with their match rules, kept when any rule is set.</summary>
    private const string UriMatchMember = "bitwardenUris";

    private static readonly Dictionary<int, string> typeNames = new() { [1] = "login", [2] = "note", [3] = "card", [4] = "identity", [5] = "sshKey" };
    private static readonly string[] keptObjects = ["card", "identity", "sshKey"];


    public static ImportParse ParseJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new ImportFormatException($"Not a Bitwarden JSON export: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                throw new ImportFormatException("Not a Bitwarden JSON export: no \"items\" array.");
            if (root.TryGetProperty("encrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
                throw new ImportFormatException("This Bitwarden export is encrypted (password-protected or account-restricted). Export again as \"JSON\" (unencrypted).");

            var folders = Names(root, "folders");
            var collections = Names(root, "collections");
            var result = new List<ImportedItem>();
            var warnings = new List<string>();
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                index++;
                var origin = $"item {index}";
                if (item.ValueKind != JsonValueKind.Object) throw new ImportFormatException($"{origin} is not a JSON object.");
                if (String(item, "deletedDate") is not null)
                {
                    warnings.Add($"{origin} ({String(item, "name")}) is in Bitwarden's trash: not imported.");
                    continue;
                }

                result.Add(Item(item, origin, folders, collections, warnings));
            }

            return new ImportParse(result, warnings);
        }
    }

    public static ImportParse ParseCsv(string text)
    {
        var rows = Csv.WithHeader(text);
        if (rows.Count > 0 && !rows[0].Has("name")) throw new ImportFormatException("Not a Bitwarden CSV export: no \"name\" column.");
        var result = new List<ImportedItem>();
        foreach (var row in rows)
        {
            var origin = $"record {row.Number}";
            var type = row.Get("type")?.Trim().ToLowerInvariant();
            var fields = new List<EntryField>();
            foreach (var line in (row.Get("fields") ?? "").Split('\n'))
            {
                if (line.Trim().Length == 0) continue;
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                fields.Add(colon < 0 ? new EntryField(line.TrimEnd('\r'), null) : new EntryField(line[..colon], line[(colon + 2)..].TrimEnd('\r')));
            }

            var data = new EntryData
            {
                Type = type == "note" ? EntryData.NoteType : EntryData.LoginType,
                Name = Name(row.Get("name"), origin),
                Username = row.Get("login_username"),
                Password = row.Get("login_password"),
                Totp = row.Get("login_totp"),
                Notes = row.Get("notes"),
                Folder = row.Get("folder") ?? FirstCollection(row.Get("collections")),
                Favorite = row.Get("favorite")?.Trim() is "1" or "true",
                Fields = fields,
            };
            result.Add(ImportedItem.Of(origin, ImportText.WithUrls(data, (row.Get("login_uri") ?? "").Split(','))));
        }

        return new ImportParse(result, []);
    }

    /// <summary>An unencrypted Bitwarden JSON export of <paramref name="entries"/>, which Bitwarden (and pm) import.</summary>
    public static JsonObject Write(IEnumerable<(Guid EntryId, DateTimeOffset UpdatedAt, EntryData Data)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var folderIds = new SortedDictionary<string, Guid>(StringComparer.Ordinal);
        var items = new JsonArray();
        foreach (var (entryId, updatedAt, data) in entries)
        {
            Guid? folderId = null;
            if (data.Folder is { } folder)
            {
                if (!folderIds.TryGetValue(folder, out var id)) folderIds[folder] = id = Guid.NewGuid();
                folderId = id;
            }

            var type = typeNames.FirstOrDefault(t => t.Value == data.Type).Key;
            if (type == 0) type = 1;
            var item = new JsonObject
            {
                ["id"] = entryId.ToString(),
                ["organizationId"] = null,
                ["folderId"] = folderId?.ToString(),
                ["type"] = type,
                ["reprompt"] = Extra(data, "reprompt")?.DeepClone() ?? 0,
                ["name"] = data.Name,
                ["notes"] = data.Notes,
                ["favorite"] = data.Favorite == true,
                ["fields"] = new JsonArray([.. (data.Fields ?? []).Select(Field)]),
                ["passwordHistory"] = Extra(data, "passwordHistory")?.DeepClone(),
                ["revisionDate"] = updatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["collectionIds"] = null,
            };
            if (type == 1)
            {
                item["login"] = new JsonObject
                {
                    ["uris"] = Uris(data),
                    ["username"] = data.Username,
                    ["password"] = data.Password,
                    ["totp"] = data.Totp,
                };
            }
            else if (type == 2)
            {
                item["secureNote"] = new JsonObject { ["type"] = 0 };
            }

            foreach (var kept in keptObjects)
            {
                if (Extra(data, kept) is { } value) item[kept] = value.DeepClone();
            }

            items.Add(item);
        }

        return new JsonObject
        {
            ["encrypted"] = false,
            ["folders"] = new JsonArray([.. folderIds.Select(f => (JsonNode)new JsonObject { ["id"] = f.Value.ToString(), ["name"] = f.Key })]),
            ["items"] = items,
        };
    }

    private static ImportedItem Item(JsonElement item, string origin, Dictionary<string, string> folders, Dictionary<string, string> collections, List<string> warnings)
    {
        var typeNumber = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var n) ? n : 1;
        if (!typeNames.TryGetValue(typeNumber, out var type))
            throw new ImportFormatException($"{origin} has an unknown Bitwarden item type {typeNumber}.");
        var name = Name(String(item, "name"), origin);

        var fields = new List<EntryField>();
        if (item.TryGetProperty("fields", out var fieldArray) && fieldArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var field in fieldArray.EnumerateArray())
            {
                var fieldType = field.TryGetProperty("type", out var ft) && ft.ValueKind == JsonValueKind.Number ? ft.GetInt32() : 0;
                fields.Add(fieldType switch
                {
                    1 => new EntryField(String(field, "name") ?? "", String(field, "value"), EntryField.HiddenType),
                    2 => new EntryField(String(field, "name") ?? "", String(field, "value"), EntryField.BooleanType),
                    3 => new EntryField(String(field, "name") ?? "", field.TryGetProperty("linkedId", out var linked) && linked.ValueKind == JsonValueKind.Number
                        ? linked.GetInt32().ToString(CultureInfo.InvariantCulture) : null, "linked"),
                    _ => new EntryField(String(field, "name") ?? "", String(field, "value")),
                });
            }
        }

        var folder = String(item, "folderId") is { } folderId ? folders.GetValueOrDefault(folderId) : null;
        if (folder is null && item.TryGetProperty("collectionIds", out var collectionIds) && collectionIds.ValueKind == JsonValueKind.Array)
        {
            folder = collectionIds.EnumerateArray().Select(c => c.GetString()).Where(c => c is not null && collections.ContainsKey(c))
                .Select(c => collections[c!]).FirstOrDefault();
        }

        var extra = new Dictionary<string, JsonElement>();
        foreach (var kept in keptObjects)
        {
            if (item.TryGetProperty(kept, out var value) && value.ValueKind == JsonValueKind.Object) extra[kept] = value.Clone();
        }

        if (item.TryGetProperty("passwordHistory", out var history) && history.ValueKind == JsonValueKind.Array && history.GetArrayLength() > 0)
            extra["passwordHistory"] = history.Clone();
        if (item.TryGetProperty("reprompt", out var reprompt) && reprompt.ValueKind == JsonValueKind.Number && reprompt.GetInt32() != 0)
            extra["reprompt"] = reprompt.Clone();

        var data = new EntryData
        {
            Type = type,
            Name = name,
            Notes = ImportText.Value(String(item, "notes")),
            Favorite = item.TryGetProperty("favorite", out var favorite) && favorite.ValueKind == JsonValueKind.True,
            Folder = folder,
            Fields = fields,
        };

        var urls = new List<string?>();
        if (item.TryGetProperty("login", out var login) && login.ValueKind == JsonValueKind.Object)
        {
            data = data with
            {
                Username = ImportText.Value(String(login, "username")),
                Password = String(login, "password") is { Length: > 0 } password ? password : null,
                Totp = ImportText.Value(String(login, "totp")),
            };
            if (login.TryGetProperty("uris", out var uris) && uris.ValueKind == JsonValueKind.Array)
            {
                urls.AddRange(uris.EnumerateArray().Select(u => u.ValueKind == JsonValueKind.String ? u.GetString() : String(u, "uri")));
                if (uris.EnumerateArray().Any(u => u.ValueKind == JsonValueKind.Object && u.TryGetProperty("match", out var match) && match.ValueKind == JsonValueKind.Number))
                    extra[UriMatchMember] = uris.Clone();
            }
            if (login.TryGetProperty("fido2Credentials", out var passkeys) && passkeys.ValueKind == JsonValueKind.Array && passkeys.GetArrayLength() > 0)
                warnings.Add($"{origin} ({name}): its passkey was not imported (passkeys cannot be moved between managers).");
        }

        var attachments = new List<string>();
        if (item.TryGetProperty("attachments", out var files) && files.ValueKind == JsonValueKind.Array)
            attachments.AddRange(files.EnumerateArray().Select(f => String(f, "fileName") ?? String(f, "id") ?? "(unnamed)"));
        return new ImportedItem(origin, ImportText.WithUrls(data with { Extra = extra.Count > 0 ? extra : null }, urls), attachments);
    }

    /// <summary>The login's URIs; Bitwarden's per-URI match rules come back as imported while the addresses are unchanged.</summary>
    private static JsonArray Uris(EntryData data)
    {
        var urls = new[] { data.Url }.Concat(data.Urls ?? []).Where(u => u is not null).ToList();
        if (Extra(data, UriMatchMember) is JsonArray imported
            && imported.Select(u => u?["uri"]?.GetValue<string>()?.Trim()).SequenceEqual(urls))
            return imported;
        return new JsonArray([.. urls.Select(u => (JsonNode)new JsonObject { ["match"] = null, ["uri"] = u })]);
    }

    private static JsonNode? Extra(EntryData data, string name) =>
        data.Extra is { } extra && extra.TryGetValue(name, out var value) ? JsonNode.Parse(value.GetRawText()) : null;

    private static JsonNode Field(EntryField field) => field.Type switch
    {
        EntryField.HiddenType => new JsonObject { ["name"] = field.Name, ["value"] = field.Value, ["type"] = 1, ["linkedId"] = null },
        EntryField.BooleanType => new JsonObject { ["name"] = field.Name, ["value"] = field.Value, ["type"] = 2, ["linkedId"] = null },
        "linked" => new JsonObject
        {
            ["name"] = field.Name, ["value"] = null, ["type"] = 3,
            ["linkedId"] = int.TryParse(field.Value, CultureInfo.InvariantCulture, out var linked) ? linked : null,
        },
        _ => new JsonObject { ["name"] = field.Name, ["value"] = field.Value, ["type"] = 0, ["linkedId"] = null },
    };

    private static Dictionary<string, string> Names(JsonElement root, string property)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in array.EnumerateArray())
            {
                if (String(element, "id") is { } id && String(element, "name") is { } name) names[id] = name;
            }
        }

        return names;
    }

    private static string? FirstCollection(string? collections) => collections?.Split(',').Select(c => c.Trim()).FirstOrDefault(c => c.Length > 0);

    internal static string Name(string? name, string origin) =>
        string.IsNullOrWhiteSpace(name) ? throw new ImportFormatException($"{origin} has no name.") : name.Trim();

    internal static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
