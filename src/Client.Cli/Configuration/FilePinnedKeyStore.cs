using System.Text.Json;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Keys;

namespace PasswordManager.Client.Cli.Configuration;

/// <summary>
/// pins.json (0600): the public key bundles this profile pinned, per account of the profile (a pin made while logged in
/// as one user is not trusted for another). Public data, but its integrity is what stops a server from substituting keys.
/// </summary>
internal sealed class FilePinnedKeyStore(ConfigDirectory directory, Guid ownerId) : IPinnedKeyStore
{
    public const string FileName = "pins.json";

    private Dictionary<Guid, PinnedKey>? pins;

    public PinnedKey? Find(Guid userId) => Load().GetValueOrDefault(userId);

    public IReadOnlyCollection<PinnedKey> All() => [.. Load().Values];

    public void Save(PinnedKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var all = Load();
        all[key.UserId] = key;
        var file = ReadFile();
        file.Accounts[ownerId] = [.. all.Values.OrderBy(p => p.Username, StringComparer.Ordinal)];
        directory.WriteBytes(FileName, JsonSerializer.SerializeToUtf8Bytes(file, CliJson.Options));
    }

    private Dictionary<Guid, PinnedKey> Load() =>
        pins ??= ReadFile().Accounts.GetValueOrDefault(ownerId)?.ToDictionary(p => p.UserId) ?? [];

    private PinsFile ReadFile()
    {
        var bytes = directory.ReadBytes(FileName);
        if (bytes is null) return new PinsFile();
        try
        {
            var file = JsonSerializer.Deserialize<PinsFile>(bytes, CliJson.Options) ?? new PinsFile();
            file.Accounts ??= [];
            return file;
        }
        catch (JsonException)
        {
            // Never fall back to "no pins": that would silently turn every changed key into a first use.
            throw CliException.Usage($"{directory.FilePath(FileName)} is damaged. Restore it from a backup, or delete it to pin every key anew.");
        }
    }

    private sealed class PinsFile
    {
        public Dictionary<Guid, List<PinnedKey>> Accounts { get; set; } = [];
    }
}
