using System.Reflection;
using NetArchTest.Rules;
using PasswordManager.ArchitectureTests.Support;

namespace PasswordManager.ArchitectureTests;

public sealed class ZeroKnowledgeTests
{
    private static readonly string[] clientAssemblies =
    [
        "PasswordManager.Client.Crypto",
        "PasswordManager.Client.Sdk",
        "PasswordManager.Client.Cli",
    ];

    [TestCaseSource(typeof(Architecture), nameof(Architecture.LayerNames))]
    public void ServerTypesShouldNotDependOnClientCode(string layer)
    {
        Types.InAssembly(Architecture.Layers[layer]).Should().NotHaveDependencyOn("PasswordManager.Client").GetResult()
            .AssertSuccessful($"{layer} must never see client-side cryptography: the server holds no keys.");
    }

    [TestCaseSource(typeof(Architecture), nameof(Architecture.LayerNames))]
    public void ServerAssembliesShouldNotReferenceClientAssemblies(string layer)
    {
        var references = Architecture.Layers[layer].GetReferencedAssemblies().Select(a => a.Name);

        Assert.That(references.Intersect(clientAssemblies), Is.Empty);
    }

    [Test]
    public void TestRunShouldNotLoadClientAssemblies()
    {
        // This project references only server projects; a client assembly here arrived transitively through one of them.
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name);
        var resolvable = clientAssemblies.Where(CanLoad);

        Assert.Multiple(() =>
        {
            Assert.That(loaded.Intersect(clientAssemblies), Is.Empty);
            Assert.That(resolvable, Is.Empty);
        });
    }

    private static bool CanLoad(string name)
    {
        try
        {
            Assembly.Load(new AssemblyName(name));
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}
