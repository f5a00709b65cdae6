using System.Text.Json;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Sharing;

namespace PasswordManager.Client.Cli.Configuration;

/// <summary>
/// rekey.json (0600): staged re-keys in progress, so an interrupted <c>pm revoke</c> resumes its session. Each holds the
/// new vault key sealed to this account's own public key and signed by it: useless without the master password.
/// </summary>
internal sealed class FilePendingRekeyStore(ConfigDirectory directory) : IPendingRekeyStore
{
    public const string FileName = "rekey.json";

    public PendingRekey? Find(Guid vaultId) => Load().GetValueOrDefault(vaultId);

    public void Save(PendingRekey pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var all = Load();
        all[pending.VaultId] = pending;
        Write(all);
    }

    public void Remove(Guid vaultId)
    {
        var all = Load();
        if (all.Remove(vaultId)) Write(all);
    }

    private Dictionary<Guid, PendingRekey> Load()
    {
        var bytes = directory.ReadBytes(FileName);
        if (bytes is null) return [];
        try
        {
            return JsonSerializer.Deserialize<List<PendingRekey>>(bytes, CliJson.Options)?.ToDictionary(p => p.VaultId) ?? [];
        }
        catch (JsonException)
        {
            // Losing it only means an interrupted re-key starts over.
            return [];
        }
    }

    private void Write(Dictionary<Guid, PendingRekey> all) =>
        directory.WriteBytes(FileName, JsonSerializer.SerializeToUtf8Bytes(all.Values.ToList(), CliJson.Options));
}
