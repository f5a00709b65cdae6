namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>
/// Finds sibling build outputs in the artifacts layout (<c>{ArtifactsPath}/bin/{Project}/{configuration}/</c>):
/// this assembly lives in <c>bin/EndToEndTests/{configuration}</c>; the project references force the build order.
/// </summary>
internal static class BuildOutput
{
    public static string ApiDll => Locate("Api", "PasswordManager.Api.dll");

    public static string CliDll => Locate("Client.Cli", "PasswordManager.Client.Cli.dll");

    private static string Locate(string project, string fileName)
    {
        var ownFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = ownFolder.Name;
        var binFolder = ownFolder.Parent?.Parent ?? throw new InvalidOperationException($"Unexpected output folder {ownFolder.FullName}.");
        var path = Path.Combine(binFolder.FullName, project, configuration, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} was not found. Build the solution first: dotnet build PasswordManager.sln -c {configuration}.", path);
    }
}
