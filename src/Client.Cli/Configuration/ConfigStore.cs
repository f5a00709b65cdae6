using System.Text.Json;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;

namespace PasswordManager.Client.Cli.Configuration;

internal sealed class ConfigStore(ConfigDirectory directory)
{
    private const string fileName = "config.json";

    public ConfigDirectory Directory => directory;

    public CliConfig Load()
    {
        var text = directory.ReadText(fileName);
        if (text is null) return new CliConfig();
        try
        {
            return JsonSerializer.Deserialize<CliConfig>(text, CliJson.Options) ?? new CliConfig();
        }
        catch (JsonException)
        {
            throw CliException.Usage($"{System.IO.Path.Combine(directory.Path, fileName)} is not valid JSON. Fix or delete it, then run: pm config server URL");
        }
    }

    public Task SaveAsync(CliConfig config, CancellationToken cancellationToken) =>
        directory.WriteTextAsync(fileName, JsonSerializer.Serialize(config, CliJson.Options), cancellationToken);

    /// <summary>The device id is created once per config folder, so logging in again replaces this device's session.</summary>
    public async Task<CliConfig> EnsureDeviceIdAsync(CliConfig config, CancellationToken cancellationToken)
    {
        if (config.DeviceId != Guid.Empty) return config;
        var withDevice = config with { DeviceId = Guid.NewGuid() };
        await SaveAsync(withDevice, cancellationToken);
        return withDevice;
    }
}
