using PasswordManager.ArchitectureTests.Support;

namespace PasswordManager.ArchitectureTests;

public sealed class ModuleBoundaryTests
{
    private static readonly string[] contractsMayUse =
    [
        "System",
        "Mediator",
        "PasswordManager.Domain.Common",
        "PasswordManager.Application.Contracts",
    ];

    [TestCaseSource(typeof(Architecture), nameof(Architecture.LayersAndModules))]
    public void ModuleShouldNotDependOnOtherModules(string layer, string module)
    {
        var otherModules = (
            from anyLayer in Architecture.LayerNames
            from other in Architecture.Modules
            where other != module
            select Architecture.Namespace(anyLayer, other)).ToArray();

        Architecture.TypesIn(layer, module).Should().NotHaveDependencyOnAny(otherModules).GetResult()
            .AssertSuccessful($"{Architecture.Namespace(layer, module)} may reach other modules only through *.Common and Application.Contracts.");
    }

    [TestCaseSource(typeof(Architecture), nameof(Architecture.LayerNames))]
    public void AuthModuleShouldHaveTypesInEveryLayer(string layer)
    {
        // Guards every rule above against passing vacuously because a namespace or assembly is misnamed.
        Assert.That(Architecture.TypesIn(layer, "Auth").GetTypes(), Is.Not.Empty);
    }

    [Test]
    public void DependencyCheckShouldSeeCrossLayerReferencesOfAuth()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Architecture.TypesIn("Application", "Auth").And().HaveDependencyOn("PasswordManager.Domain.Auth").GetTypes(), Is.Not.Empty);
            Assert.That(Architecture.TypesIn("Infrastructure", "Auth").And().HaveDependencyOn("PasswordManager.Domain.Auth").GetTypes(), Is.Not.Empty);
            Assert.That(Architecture.TypesIn("Api", "Auth").And().HaveDependencyOn("PasswordManager.Application.Auth").GetTypes(), Is.Not.Empty);
        });
    }

    [TestCaseSource(typeof(Architecture), nameof(Architecture.LayerNames))]
    public void BillingModuleShouldHaveTypesInEveryLayer(string layer)
    {
        Assert.That(Architecture.TypesIn(layer, "Billing").GetTypes(), Is.Not.Empty);
    }

    [Test]
    public void OtherModulesShouldReachBillingThroughItsContractsOnly()
    {
        Assert.Multiple(() =>
        {
            // The quota checks are there, and they go through the contracts...
            Assert.That(Architecture.TypesIn("Application", "Vault").And().HaveDependencyOn("PasswordManager.Application.Contracts.Billing").GetTypes(), Is.Not.Empty);
            Assert.That(Architecture.TypesIn("Application", "Auth").And().HaveDependencyOn("PasswordManager.Application.Contracts.Billing").GetTypes(), Is.Not.Empty);
            // ...never through Billing's own types, in any layer.
            foreach (var layer in Architecture.LayerNames)
                foreach (var module in Architecture.Modules.Where(m => m != "Billing"))
                    Assert.That(
                        Architecture.TypesIn(layer, module).And().HaveDependencyOnAny(
                            [.. Architecture.LayerNames.Select(l => Architecture.Namespace(l, "Billing"))]).GetTypes(),
                        Is.Empty, $"{layer}.{module} reaches into Billing");
        });
    }

    [TestCaseSource(typeof(Architecture), nameof(Architecture.LayerNames))]
    public void SharingModuleShouldHaveTypesInEveryLayer(string layer)
    {
        Assert.That(Architecture.TypesIn(layer, "Sharing").GetTypes(), Is.Not.Empty);
    }

    [Test]
    public void SharingShouldReachVaultThroughVaultContractsAndAuthThroughSharingContracts()
    {
        Assert.Multiple(() =>
        {
            // ADR-0031: the confirm's grant and the admin check are Vault contracts; account removal is a Sharing contract.
            Assert.That(Architecture.TypesIn("Application", "Sharing").And().HaveDependencyOn("PasswordManager.Application.Contracts.Vault").GetTypes(), Is.Not.Empty);
            Assert.That(Architecture.TypesIn("Application", "Auth").And().HaveDependencyOn("PasswordManager.Application.Contracts.Sharing").GetTypes(), Is.Not.Empty);
        });
    }

    [Test]
    public void VaultShouldReachSharingThroughSharingContractsOnly()
    {
        var sharingInternals = Architecture.LayerNames.Select(l => Architecture.Namespace(l, "Sharing")).ToArray();
        Assert.Multiple(() =>
        {
            // ADR-0031: Vault's readers and writers append to Sharing's access log, and the re-key reads exposure, through contracts...
            Assert.That(Architecture.TypesIn("Application", "Vault").And().HaveDependencyOn("PasswordManager.Application.Contracts.Sharing").GetTypes(), Is.Not.Empty);
            // ...and the check sees Sharing's internals where they are used, so the rule below cannot pass vacuously...
            Assert.That(Architecture.TypesIn("Infrastructure", "Sharing").And().HaveDependencyOn("PasswordManager.Domain.Sharing").GetTypes(), Is.Not.Empty);
            Assert.That(Architecture.TypesIn("Api", "Sharing").And().HaveDependencyOn("PasswordManager.Application.Sharing").GetTypes(), Is.Not.Empty);
            // ...but never from Vault, in any layer.
            foreach (var layer in Architecture.LayerNames)
                Assert.That(Architecture.TypesIn(layer, "Vault").And().HaveDependencyOnAny(sharingInternals).GetTypes().Select(t => t.FullName),
                    Is.Empty, $"{layer}.Vault reaches into Sharing");
        });
    }

    [TestCaseSource(typeof(Architecture), nameof(Architecture.LayerNames))]
    public void EveryTopLevelNamespaceShouldBeAKnownModuleOrSharedArea(string layer)
    {
        var prefix = $"{Architecture.Root}.{layer}.";
        var areas = Architecture.Layers[layer].GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(prefix, StringComparison.Ordinal))
            .Select(ns => ns[prefix.Length..].Split('.')[0])
            .Distinct();

        // A new module must be added to Architecture.Modules, which puts it under every boundary rule.
        var composition = layer == "Api" ? Architecture.CompositionAreas : [];
        Assert.That(areas.Except(Architecture.Modules).Except(Architecture.SharedAreas).Except(composition), Is.Empty);
    }

    [Test]
    public void NoModuleShouldDependOnACompositionArea()
    {
        foreach (var module in Architecture.Modules)
            Architecture.TypesIn("Api", module).Should()
                .NotHaveDependencyOnAny([.. Architecture.CompositionAreas.Select(a => Architecture.Namespace("Api", a))]).GetResult()
                .AssertSuccessful($"Api.{module} must not use the admin console.");
    }

    [Test]
    public void ContractsShouldDependOnlyOnSharedKernelAndBaseClassLibrary()
    {
        Architecture.TypesIn("Application", "Contracts").Should().OnlyHaveDependenciesOn(contractsMayUse).GetResult()
            .AssertSuccessful("Application.Contracts may use only the BCL, Mediator message interfaces and Domain.Common.");
    }

    [Test]
    public void ContractsRuleShouldRejectModuleInternals()
    {
        // The rule above has no types to check until the first contract exists; show that it bites.
        var result = Architecture.TypesIn("Application", "Auth").Should().OnlyHaveDependenciesOn(contractsMayUse).GetResult();

        Assert.That(result.IsSuccessful, Is.False);
    }
}
