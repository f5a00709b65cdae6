using PasswordManager.EndToEndTests.Infrastructure;

namespace PasswordManager.EndToEndTests;

/// <summary>One real API process for every test in this assembly; stopped afterwards, also when tests fail.</summary>
[SetUpFixture]
public sealed class ServerFixture
{
    internal static ServerProcess Server { get; private set; } = null!;

    internal static string WorkFolder { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        WorkFolder = Directory.CreateTempSubdirectory("pm-e2e-").FullName;
        // It serves the whole assembly's run (about five minutes on a quiet 2-core machine), so it gets a longer bound.
        Server = await ServerProcess.StartAsync(WorkFolder, lifetime: TimeSpan.FromMinutes(30));
        TestContext.Progress.WriteLine($"API on {Server.Address}, log {Server.LogFile}");
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        if (WorkFolder is not null && TestContext.CurrentContext.Result.FailCount == 0) Directory.Delete(WorkFolder, recursive: true);
    }

    /// <summary>A pm with a config folder that does not exist yet, so pm creates it (with its own permissions).</summary>
    internal static PmCli NewCli() => new(Path.Combine(WorkFolder, $"cli-{Guid.NewGuid():N}"));
}
