namespace PasswordManager.Api.AdminConsole;

/// <summary>The console's one stylesheet, compiled into the assembly so the API serves it without a static-file folder or CDN.</summary>
internal static class ConsoleAssets
{
    public static readonly string Stylesheet = Read("PasswordManager.Api.AdminConsole.console.css");

    private static string Read(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
