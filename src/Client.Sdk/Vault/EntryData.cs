using System.Text.Json;
using System.Text.Json.Serialization;
using PasswordManager.Client.Sdk.Http;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// An entry's plaintext (docs/crypto-format.md §17): UTF-8 JSON inside the entry envelope. Members this version
/// does not know are kept in <see cref="Extra"/> and written back unchanged, so an edit never drops what a newer
/// client added.
/// </summary>
public sealed record EntryData
{
    public const string LoginType = "login";

    public const string NoteType = "note";

    public string Type { get; init; } = LoginType;

    public required string Name { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? Url { get; init; }

    public string? Notes { get; init; }

    /// <summary>Addresses after <see cref="Url"/> (which stays the first one).</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>An <c>otpauth://totp/…</c> URI or a bare base32 seed.</summary>
    public string? Totp { get; init; }

    /// <summary>A folder path ("Work/Servers") inside the vault, as other managers organise entries.</summary>
    public string? Folder { get; init; }

    public bool? Favorite { get; init; }

    public IReadOnlyList<EntryField>? Fields { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(Normalized(), SdkJson.Options);

    /// <exception cref="JsonException">The plaintext is not an entry of this format.</exception>
    public static EntryData Parse(ReadOnlySpan<byte> utf8)
    {
        var data = JsonSerializer.Deserialize<EntryData>(utf8, SdkJson.Options) ?? throw new JsonException("The entry plaintext is null.");
        return data.Name is null ? throw new JsonException("The entry plaintext has no name.") : data;
    }

    private EntryData Normalized() => this with
    {
        Username = Empty(Username),
        Password = Empty(Password),
        Url = Empty(Url),
        Notes = Empty(Notes),
        Totp = Empty(Totp),
        Folder = Empty(Folder),
        Favorite = Favorite == true ? true : null,
        Urls = Urls is { Count: > 0 } ? Urls : null,
        Fields = Fields is { Count: > 0 } ? Fields : null,
    };

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>A custom field: <see cref="Type"/> is <c>text</c>, <c>hidden</c> (shown only on request) or <c>boolean</c> ("true"/"false").</summary>
public sealed record EntryField(string Name, string? Value, string Type = EntryField.TextType)
{
    public const string TextType = "text";

    public const string HiddenType = "hidden";

    public const string BooleanType = "boolean";
}

/// <summary>A vault whose access record verified and whose key is unwrapped; <see cref="Name"/> is decrypted.</summary>
public sealed record UnlockedVault(Guid VaultId, Contracts.VaultKind Kind, string Name, long KeyEpoch, Contracts.VaultPermission Permission, long Revision, DateTimeOffset CreatedAt);

/// <summary>A vault whose key cannot be used (yet), with the reason.</summary>
public sealed record SkippedVault(Guid VaultId, string Reason);

public sealed record VaultListing(IReadOnlyList<UnlockedVault> Vaults, IReadOnlyList<SkippedVault> Skipped);

/// <summary>An entry decrypted and parsed, with the metadata it was read with.</summary>
public sealed record DecryptedEntry(Guid VaultId, Guid EntryId, long Version, DateTimeOffset UpdatedAt, Guid UpdatedBy, EntryData Data);

/// <summary>A write the server acknowledged, with the ciphertext sent (so a local cache can hold it without fetching it again).</summary>
public sealed record SavedEntry(Guid VaultId, Guid EntryId, long Version, long KeyEpoch, long Revision, bool Deleted, DateTimeOffset SavedAt, Guid SavedBy, byte[]? Ciphertext);
