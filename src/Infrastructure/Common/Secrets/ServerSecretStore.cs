using System.Security.Cryptography;

namespace PasswordManager.Infrastructure.Common.Secrets;

/// <summary>
/// Server-side secrets (JWT signing key, prelogin decoy secret). A secret configured by the operator wins;
/// otherwise one is generated once and kept in <c>{DataDirectory}/keys</c> with owner-only permissions, so
/// a single-machine install works with no set-up and keeps its tokens valid across restarts.
/// </summary>
internal sealed class ServerSecretStore(string dataDirectory)
{
    public byte[] GetOrCreate(string name, string? configuredBase64, int length)
    {
        if (!string.IsNullOrWhiteSpace(configuredBase64))
        {
            var configured = Convert.FromBase64String(configuredBase64);
            if (configured.Length < length)
                throw new InvalidOperationException($"The configured secret '{name}' must be at least {length} bytes.");
            return configured;
        }

        var directory = Path.Combine(dataDirectory, "keys");
        var path = Path.Combine(directory, name + ".key");
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());

        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var secret = RandomNumberGenerator.GetBytes(length);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(Convert.ToBase64String(secret));
            return secret;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs.
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
