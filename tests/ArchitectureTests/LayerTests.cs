using NetArchTest.Rules;
using PasswordManager.ArchitectureTests.Support;

namespace PasswordManager.ArchitectureTests;

public sealed class LayerTests
{
    private static readonly string[] packageNamespaces =
    [
        "Microsoft.EntityFrameworkCore",
        "Mediator",
        "FluentValidation",
        "Microsoft.AspNetCore",
        "Microsoft.Extensions",
        "Npgsql",
        "Minio",
        "NSec",
        "System.Net.Http",
    ];

    private static readonly string[] compositionRoot = ["Program", "PasswordManager.Api.DependencyInjection"];

    private static readonly string[] outerLayers = ["PasswordManager.Application", "PasswordManager.Infrastructure", "PasswordManager.Api"];

    [TestCaseSource(nameof(packageNamespaces))]
    public void DomainShouldNotDependOnPackage(string package)
    {
        Types.InAssembly(Architecture.Domain).Should().NotHaveDependencyOn(package).GetResult()
            .AssertSuccessful($"Domain types must not use {package}.");
    }

    [TestCaseSource(nameof(outerLayers))]
    public void DomainShouldNotDependOnOtherLayer(string layer)
    {
        Types.InAssembly(Architecture.Domain).Should().NotHaveDependencyOn(layer).GetResult()
            .AssertSuccessful($"Domain types must not use {layer}.");
    }

    [Test]
    public void DomainShouldReferenceOnlyTheBaseClassLibrary()
    {
        var references = Architecture.Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(
            references.Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n is not ("netstandard" or "mscorlib")),
            Is.Empty, "Domain must not reference any package or project.");
    }

    [Test]
    public void ApplicationShouldNotDependOnInfrastructureOrApi()
    {
        Types.InAssembly(Architecture.Application).Should()
            .NotHaveDependencyOnAny("PasswordManager.Infrastructure", "PasswordManager.Api").GetResult()
            .AssertSuccessful("Application types must not use Infrastructure or Api.");
    }

    [Test]
    public void InfrastructureShouldNotDependOnApi()
    {
        Types.InAssembly(Architecture.Infrastructure).Should().NotHaveDependencyOn("PasswordManager.Api").GetResult()
            .AssertSuccessful("Infrastructure types must not use Api.");
    }

    [Test]
    public void ApiShouldNotDependOnInfrastructureOutsideCompositionRoot()
    {
        var failing = Types.InAssembly(Architecture.Api).That().ResideInNamespace("PasswordManager.Api")
            .Should().NotHaveDependencyOn("PasswordManager.Infrastructure").GetResult().FailingTypeNames ?? [];

        // Program and DependencyInjection compose the application; nothing else in Api may see an adapter.
        Assert.That(failing.Where(name => !IsCompositionRoot(name)), Is.Empty,
            "Api types other than Program and PasswordManager.Api.DependencyInjection must not use PasswordManager.Infrastructure.");
    }

    private static bool IsCompositionRoot(string typeName) =>
        compositionRoot.Any(root => typeName == root
            || typeName.StartsWith(root + "/", StringComparison.Ordinal)
            || typeName.StartsWith(root + "+", StringComparison.Ordinal));
}
