using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.Loader;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Common.OpenApi;

/// <summary>
/// A client generated from the served document (NSwag, the dotnet tool pinned in dotnet-tools.json) must compile and
/// work: typed results for successes and a typed ProblemDetails for a documented error.
/// </summary>
public sealed class GeneratedClientTests : TestBase
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>disable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
          </PropertyGroup>
        </Project>
        """;

    [Test]
    public async Task ShouldGenerateACSharpClientThatCompilesAndTalksToTheServer()
    {
        var alice = await TestAccounts.RegisterAsync("alice");
        using var http = TestApp.CreateClient();
        var work = Directory.CreateTempSubdirectory("pm-generated-client-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(work, "openapi.json"), await http.GetStringAsync("/openapi/v1.json"));
            await File.WriteAllTextAsync(Path.Combine(work, "GeneratedClient.csproj"), Project);
            await RunAsync(RepositoryRoot(), "dotnet", "tool", "run", "nswag", "openapi2csclient",
                $"/input:{Path.Combine(work, "openapi.json")}", $"/output:{Path.Combine(work, "PmApiClient.cs")}",
                "/namespace:PmGenerated", "/className:PmApiClient", "/JsonLibrary:SystemTextJson", "/UseBaseUrl:false",
                "/OperationGenerationMode:SingleClientFromOperationId");
            await RunAsync(work, "dotnet", "build", "-c", "Release", "-nologo", "-v", "quiet", "-o", Path.Combine(work, "out"));

            var context = new AssemblyLoadContext("generated-client", isCollectible: true);
            try
            {
                await UseTheClientAsync(context.LoadFromAssemblyPath(Path.Combine(work, "out", "GeneratedClient.dll")), http, alice);
            }
            finally
            {
                context.Unload();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task UseTheClientAsync(System.Reflection.Assembly generated, HttpClient http, TestAccount alice)
    {
        dynamic New(string type) => Activator.CreateInstance(generated.GetType($"PmGenerated.{type}", throwOnError: true)!)!;
        dynamic client = Activator.CreateInstance(generated.GetType("PmGenerated.PmApiClient", throwOnError: true)!, http)!;

        dynamic prelogin = New("PreloginRequest");
        prelogin.Username = alice.Username;
        dynamic parameters = await client.Auth_PreloginAsync(prelogin);
        Assert.That((int)parameters.Kdf.MemoryKiB, Is.EqualTo(65536));

        dynamic device = New("DeviceInfo");
        device.Id = Guid.NewGuid();
        device.Name = "generated client";
        dynamic login = New("LoginRequest");
        login.Username = alice.Username;
        login.AuthHash = Convert.ToBase64String(new byte[32]);
        login.Device = device;
        var refused = Assert.CatchAsync(async () => await client.Auth_LoginAsync(login));
        dynamic problem = refused!;
        Assert.That((int)problem.StatusCode, Is.EqualTo(401), refused!.Message);
        Assert.That((string)problem.Result.Code, Is.EqualTo("auth.invalid_credentials"));

        login.AuthHash = alice.AuthHashBase64;
        dynamic session = await client.Auth_LoginAsync(login);
        Assert.That((string)session.Account.Username, Is.EqualTo(alice.Username));

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)session.AccessToken);
        dynamic vaults = await client.Vault_ListVaultsAsync();
        Assert.That((int)vaults.Items.Count, Is.Zero);
    }

    private static async Task RunAsync(string directory, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{command} {string.Join(' ', arguments)}\n{await output}\n{await errors}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PasswordManager.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (PasswordManager.sln) was not found.");
    }
}
