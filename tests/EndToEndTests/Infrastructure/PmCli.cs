using System.Diagnostics;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>Runs the built pm (PasswordManager.Client.Cli.dll) with its own config folder, as a user's shell would.</summary>
internal sealed class PmCli(string configDirectory)
{
    private static readonly TimeSpan runTimeout = TimeSpan.FromSeconds(60);

    public string ConfigDirectory { get; } = configDirectory;

    public Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(arguments, password: null, stdin: null);

    /// <summary>Runs pm with PM_PASSWORD set to <paramref name="password"/> (or unset) and <paramref name="environment"/> added; PM_SESSION only from there.</summary>
    public Task<ProcessResult> RunAsync(string[] arguments, string? password, string? stdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(BuildOutput.CliDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PM_CONFIG_DIR"] = ConfigDirectory;
        start.Environment.Remove("PM_PASSWORD");
        if (password is not null) start.Environment["PM_PASSWORD"] = password;
        start.Environment.Remove("PM_SESSION");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        start.Environment["NO_COLOR"] = "1";
        return ProcessRunner.RunAsync(start, stdin, runTimeout);
    }
}
