using System.Text.Json;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.Client.Cli.Configuration;

/// <summary>
/// keys.json (0600): the account's encrypted key material from the last login (KDF parameters, salt, encrypted USK
/// and private keys: the bytes the server stores, sealed under the master key). With it, commands that need the
/// vault keys unlock from the master password alone; nothing unlocked is ever written.
/// </summary>
internal sealed class KeyMaterialStore(ConfigDirectory directory)
{
    public const string FileName = "keys.json";

    public UnlockMaterial? Load()
    {
        var text = directory.ReadText(FileName);
        if (text is null) return null;
        try
        {
            return JsonSerializer.Deserialize<UnlockMaterial>(text, CliJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public Task SaveAsync(UnlockMaterial material, CancellationToken cancellationToken) =>
        directory.WriteTextAsync(FileName, JsonSerializer.Serialize(material, CliJson.Options), cancellationToken);

    public void Delete() => directory.Delete(FileName);
}
