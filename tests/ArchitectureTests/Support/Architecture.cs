using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NetArchTest.Rules;
using PasswordManager.Application;
using PasswordManager.Domain.Common;
using InfrastructureRegistration = PasswordManager.Infrastructure.DependencyInjection;

namespace PasswordManager.ArchitectureTests.Support;

/// <summary>The server's layers and modules, and the production types the conventions apply to.</summary>
internal static class Architecture
{
    public const string Root = "PasswordManager";

    /// <summary>Every module, present or planned. A rule over a module without types passes until the module arrives.</summary>
    public static readonly string[] Modules = ["Auth", "Vault", "Sharing", "Billing", "Encryption"];

    /// <summary>Namespaces below a layer that are not modules: the shared kernel and the cross-module surface.</summary>
    public static readonly string[] SharedAreas = ["Common", "Contracts"];

    /// <summary>
    /// Api areas that compose several modules for one audience, through the modules' Application messages only (the admin
    /// console, ADR-0028); no other layer has them and no module may depend on them.
    /// </summary>
    public static readonly string[] CompositionAreas = ["AdminConsole"];

    public static readonly Assembly Domain = typeof(Result).Assembly;
    public static readonly Assembly Application = typeof(ApplicationAssembly).Assembly;
    public static readonly Assembly Infrastructure = typeof(InfrastructureRegistration).Assembly;
    public static readonly Assembly Api = typeof(Program).Assembly;

    public static readonly IReadOnlyDictionary<string, Assembly> Layers = new Dictionary<string, Assembly>
    {
        ["Domain"] = Domain,
        ["Application"] = Application,
        ["Infrastructure"] = Infrastructure,
        ["Api"] = Api,
    };

    public static IEnumerable<string> LayerNames => Layers.Keys;

    public static IEnumerable<TestCaseData> LayersAndModules =>
        from layer in Layers.Keys
        from module in Modules
        select new TestCaseData(layer, module);

    public static string Namespace(string layer, string area) => $"{Root}.{layer}.{area}";

    /// <summary>A regex for the namespace itself and everything below it, and nothing that merely shares the prefix.</summary>
    public static string NamespacePattern(string @namespace) => $"^{@namespace.Replace(".", @"\.", StringComparison.Ordinal)}(\\.|$)";

    public static PredicateList TypesIn(string layer, string area) =>
        Types.InAssembly(Layers[layer]).That().ResideInNamespaceMatching(NamespacePattern(Namespace(layer, area)));

    /// <summary>
    /// Hand-written types of the server: PasswordManager namespaces only, without compiler- and generator-emitted
    /// types (closures, state machines, regex and logging generators, Mediator's generated mediator) and without
    /// EF migrations, whose shape <c>dotnet ef</c> dictates.
    /// </summary>
    public static IReadOnlyList<Type> ProductionTypes() =>
        Layers.Values
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Namespace is not null && t.Namespace.StartsWith(Root + ".", StringComparison.Ordinal))
            .Where(t => !IsGenerated(t))
            .Where(t => !typeof(Migration).IsAssignableFrom(t) && !typeof(ModelSnapshot).IsAssignableFrom(t))
            .ToList();

    public static bool Implements(this Type type, Type openGenericInterface) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGenericInterface);

    public static bool DerivesFrom(this Type type, Type openGenericClass)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == openGenericClass) return true;
        }

        return false;
    }

    public static void AssertSuccessful(this TestResult result, string rule)
    {
        var failing = result.FailingTypeNames ?? [];
        Assert.That(failing, Is.Empty, rule);
    }

    private static bool IsGenerated(Type type)
    {
        for (var current = type; current is not null; current = current.DeclaringType)
        {
            if (current.Name.Contains('<', StringComparison.Ordinal)
                || current.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
                || current.IsDefined(typeof(GeneratedCodeAttribute), inherit: false))
                return true;
        }

        return false;
    }
}
