using System.Text;

namespace PasswordManager.Client.Cli.Configuration;

/// <summary>
/// The per-user folder holding config.json and session.json: <c>$PM_CONFIG_DIR</c>, else
/// <c>$XDG_CONFIG_HOME/pm</c>, else <c>~/.config/pm</c>. The folder is 0700 and every file 0600,
/// because session.json holds a refresh token.
/// </summary>
internal sealed class ConfigDirectory(string path)
{
    private const UnixFileMode ownerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode ownerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = path;

    public static ConfigDirectory Resolve()
    {
        if (Environment.GetEnvironmentVariable("PM_CONFIG_DIR") is { Length: > 0 } explicitFolder)
            return new ConfigDirectory(System.IO.Path.GetFullPath(explicitFolder));

        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new ConfigDirectory(System.IO.Path.Combine(configHome, "pm"));
    }

    public string? ReadText(string fileName)
    {
        var file = FilePath(fileName);
        return File.Exists(file) ? File.ReadAllText(file, Encoding.UTF8) : null;
    }

    public byte[]? ReadBytes(string fileName)
    {
        var file = FilePath(fileName);
        return File.Exists(file) ? File.ReadAllBytes(file) : null;
    }

    public string FilePath(string fileName) => System.IO.Path.Combine(Path, fileName);

    public Task WriteTextAsync(string fileName, string content, CancellationToken cancellationToken) =>
        WriteBytesAsync(fileName, Encoding.UTF8.GetBytes(content), cancellationToken);

    /// <summary>Writes through a 0600 temporary file renamed over the target, so a crash never leaves half a file.</summary>
    public async Task WriteBytesAsync(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var (target, temporary) = (FilePath(fileName), FilePath(fileName) + ".tmp");
        await using (var stream = OpenTemporary(temporary))
        {
            await stream.WriteAsync(content, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>The synchronous <see cref="WriteBytesAsync"/>, for small files written from synchronous callbacks.</summary>
    public void WriteBytes(string fileName, byte[] content)
    {
        var (target, temporary) = (FilePath(fileName), FilePath(fileName) + ".tmp");
        using (var stream = OpenTemporary(temporary))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, target, overwrite: true);
    }

    public void Delete(string fileName)
    {
        var file = FilePath(fileName);
        if (File.Exists(file)) File.Delete(file);
    }

    private FileStream OpenTemporary(string temporary)
    {
        EnsureFolder();
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = ownerOnlyFile;
        var stream = new FileStream(temporary, options);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(stream.SafeFileHandle, ownerOnlyFile);
        return stream;
    }

    /// <summary>Creates the folder (0700) when missing.</summary>
    public void EnsureFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
            return;
        }

        Directory.CreateDirectory(Path, ownerOnlyFolder);
        File.SetUnixFileMode(Path, ownerOnlyFolder);
    }
}
