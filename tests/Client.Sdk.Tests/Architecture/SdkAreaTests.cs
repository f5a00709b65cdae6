using System.Reflection;
using NetArchTest.Rules;

namespace PasswordManager.Client.Sdk.Tests.Architecture;

/// <summary>
/// The SDK's areas (the namespaces right below <c>PasswordManager.Client.Sdk</c>) depend on each other in one direction:
/// Sharing builds on Vault, Vault on its key ring and the key directory (Keys), never back. The root namespace is left
/// out: it is the shared kernel (<see cref="PmApiException"/>, <see cref="ProblemCodes"/>) and the composition root
/// (<see cref="PmClient"/>).
/// </summary>
public sealed class SdkAreaTests
{
    private const string Sdk = "PasswordManager.Client.Sdk";

    private static readonly Assembly assembly = typeof(PmClient).Assembly;

    private static IEnumerable<string> Areas =>
        assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(Sdk + ".", StringComparison.Ordinal))
            .Select(ns => ns[(Sdk.Length + 1)..].Split('.')[0])
            .Distinct()
            .Order(StringComparer.Ordinal);

    [Test]
    public void VaultShouldNotDependOnSharing()
    {
        var result = TypesIn("Vault").Should().NotHaveDependencyOn($"{Sdk}.Sharing").GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty, "The SDK's Vault area must not reach into Sharing: Sharing builds on Vault, not the other way round.");
    }

    [TestCase("Vault")]
    [TestCase("Sharing")]
    public void KeysShouldNotDependOn(string area)
    {
        var result = TypesIn("Keys").Should().NotHaveDependencyOn($"{Sdk}.{area}").GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty, $"The key directory and pins (Keys) sit below {area}.");
    }

    [Test]
    public void SharingShouldBuildOnVaultsKeyRing()
    {
        // Guards the rules above against passing vacuously because a namespace moved or was renamed.
        Assert.Multiple(() =>
        {
            Assert.That(TypesIn("Sharing").And().HaveDependencyOn($"{Sdk}.Vault").GetTypes(), Is.Not.Empty);
            Assert.That(TypesIn("Vault").And().HaveDependencyOn($"{Sdk}.Keys").GetTypes(), Is.Not.Empty);
            Assert.That(Areas, Is.SupersetOf(new[] { "Auth", "Keys", "Sharing", "Vault" }));
        });
    }

    [Test]
    public void AreasShouldFormNoDependencyCycle()
    {
        var areas = Areas.ToList();
        var edges = areas.ToDictionary(
            from => from,
            from => areas.Where(to => to != from && TypesIn(from).And().HaveDependencyOn($"{Sdk}.{to}").GetTypes().Any()).ToList());

        var cycle = FindCycle(edges);
        Assert.That(cycle, Is.Null, () => $"The SDK's areas depend on each other in a cycle: {string.Join(" → ", cycle!)}.");
    }

    [Test]
    public void CycleSearchShouldFindACycle()
    {
        var edges = new Dictionary<string, List<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        Assert.That(FindCycle(edges), Is.EqualTo(new[] { "A", "B", "C", "A" }));
    }

    private static PredicateList TypesIn(string area) =>
        Types.InAssembly(assembly).That().ResideInNamespaceMatching($@"^PasswordManager\.Client\.Sdk\.{area}(\.|$)");

    /// <summary>One cycle as a path that ends where it starts, or null when the graph has none.</summary>
    private static List<string>? FindCycle(Dictionary<string, List<string>> edges)
    {
        var done = new HashSet<string>();
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            if (path.IndexOf(node) is var at and >= 0) return [.. path[at..], node];
            if (!done.Add(node)) return null;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }

        return edges.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }
}
