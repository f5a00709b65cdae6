using System.Text.Json;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk.Http;

namespace PasswordManager.Client.Sdk.Vault.Contracts;

/// <summary>The account key material in an export archive's header: enough to register the same account elsewhere.</summary>
public sealed record ArchiveAccount(
    Guid UserId, string Username, KdfParameters Kdf, byte[] KdfSalt, byte[] EncryptedUserKey, byte[] EncryptedPrivateKeys, byte[] PublicKeyBundle);

/// <summary>The first line of an export archive (NDJSON, format <c>pm-export</c> version 1).</summary>
public sealed record ArchiveHeader(string Type, string Format, int Version, DateTimeOffset ExportedAt, ArchiveAccount Account)
{
    public const string FormatName = "pm-export";

    /// <summary>Reads and checks the header line of an archive file.</summary>
    /// <exception cref="FormatException">Not a pm-export version 1 archive.</exception>
    public static ArchiveHeader ReadFrom(string path)
    {
        using var reader = new StreamReader(path);
        var line = reader.ReadLine() ?? throw new FormatException($"{path} is empty.");
        ArchiveHeader? header;
        try
        {
            header = JsonSerializer.Deserialize<ArchiveHeader>(line, SdkJson.Options);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{path} does not start with a pm-export header: {exception.Message}", exception);
        }

        return header is { Type: "header", Format: FormatName, Version: 1, Account: not null }
            ? header
            : throw new FormatException($"{path} is not a pm-export version 1 archive.");
    }
}

/// <summary>The last line of an archive: what it holds (the importer checks it against the content).</summary>
public sealed record ArchiveEnd(int Vaults, long Entries, long EntryVersions, long Attachments = 0);
