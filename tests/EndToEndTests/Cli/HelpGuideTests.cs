using System.Text.RegularExpressions;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>pm --help and the CLI guide (docs/cli.md) name the same commands, and every command says what it does.</summary>
public sealed partial class HelpGuideTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task EveryCommandInHelpHasADescriptionAnExampleAndARowInTheGuide()
    {
        var pm = ServerFixture.NewCli();
        var root = await pm.RunAsync("--help");
        Assert.That(root.ExitCode, Is.Zero, root.ToString());
        Assert.That(root.Stdout, Does.Contain("Usage:\n  pm [command] [options]"), "the usage line names pm, not the assembly");

        var guide = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "cli.md"));
        var table = guide[guide.IndexOf("## Commands", StringComparison.Ordinal)..guide.IndexOf("## Unlock once", StringComparison.Ordinal)];
        var commands = new List<string>();
        foreach (var (name, description) in Commands(root.Stdout))
        {
            Assert.That(description, Is.Not.Empty, $"pm {name} has no description");
            var sub = await pm.RunAsync(name, "--help");
            var children = Commands(sub.Stdout).ToList();
            if (children.Count == 0) commands.Add(name);
            foreach (var (child, childDescription) in children)
            {
                Assert.That(childDescription, Is.Not.Empty, $"pm {name} {child} has no description");
                commands.Add($"{name} {child}");
            }
        }

        Assert.That(commands, Has.Count.GreaterThan(50), "the help's command list was read");
        Assert.Multiple(() =>
        {
            foreach (var command in commands.Distinct())
            {
                Assert.That(table, Does.Contain($"| `pm {command}"), $"docs/cli.md, Commands, has no row for pm {command}");
                Assert.That(guide, Does.Match($"(?m)^\\$ pm {Regex.Escape(command)}( |$)"), $"docs/cli.md, Examples, has no example of pm {command}");
            }
        });
    }

    /// <summary>The (name, description) pairs of a help text's Commands section.</summary>
    private static IEnumerable<(string Name, string Description)> Commands(string help)
    {
        var start = help.IndexOf("\nCommands:\n", StringComparison.Ordinal);
        if (start < 0) yield break;
        foreach (var line in help[(start + 11)..].Split('\n'))
        {
            if (line.Length == 0 || !line.StartsWith("  ", StringComparison.Ordinal)) break;
            var match = CommandLine().Match(line);
            if (match.Success) yield return (match.Groups["name"].Value, match.Groups["description"].Value.Trim());
        }
    }

    [GeneratedRegex(@"^  (?<name>[a-z][a-z-]*)(?: <[^>]+>)*(?: {2,}(?<description>.*))?$")]
    private static partial Regex CommandLine();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PasswordManager.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (PasswordManager.sln) was not found.");
    }
}
