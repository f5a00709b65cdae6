using System.Diagnostics;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>The repository's deploy/ scripts, run with bash as an operator would.</summary>
internal static class DeployScripts
{
    private static readonly Lazy<string> repositoryRoot = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PasswordManager.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException($"No PasswordManager.sln above {AppContext.BaseDirectory}.");
    });

    public static string RepositoryRoot => repositoryRoot.Value;

    /// <summary>Runs deploy/<paramref name="script"/> with <paramref name="arguments"/> and extra environment variables.</summary>
    public static Task<ProcessResult> RunAsync(string script, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "deploy", script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return ProcessRunner.RunAsync(start, stdin: null, timeout ?? TimeSpan.FromMinutes(2));
    }

    /// <summary>A local CA with server and client certificates, made by deploy/tls/make-local-ca.sh in <paramref name="folder"/>.</summary>
    public static async Task<LocalCa> MakeLocalCaAsync(string folder)
    {
        var result = await RunAsync("tls/make-local-ca.sh", [folder]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"make-local-ca.sh failed: {result}");
        return new LocalCa(folder);
    }
}

internal sealed record LocalCa(string Folder)
{
    public string Authority => Path.Combine(Folder, "ca.crt");

    public string ServerCertificate => Path.Combine(Folder, "server.crt");

    public string ServerKey => Path.Combine(Folder, "server.key");

    public string ClientPkcs12 => Path.Combine(Folder, "client.p12");

    public Dictionary<string, string> ServerSettings() => new()
    {
        ["Https__CertificatePath"] = ServerCertificate,
        ["Https__KeyPath"] = ServerKey,
    };
}
