using FluentValidation;
using Mediator;
using PasswordManager.ArchitectureTests.Support;

namespace PasswordManager.ArchitectureTests;

public sealed class ConventionTests
{
    private static readonly IReadOnlyList<Type> productionTypes = Architecture.ProductionTypes();

    [Test]
    public void CommandHandlersShouldEndInCommandHandler()
    {
        var handlers = productionTypes.Where(t => t.Implements(typeof(ICommandHandler<,>))).ToList();

        Assert.That(handlers, Is.Not.Empty);
        Assert.That(Names(handlers.Where(t => !t.Name.EndsWith("CommandHandler", StringComparison.Ordinal))), Is.Empty);
    }

    [Test]
    public void QueryHandlersShouldEndInQueryHandler()
    {
        var handlers = productionTypes.Where(t => t.Implements(typeof(IQueryHandler<,>))).ToList();

        Assert.That(handlers, Is.Not.Empty);
        Assert.That(Names(handlers.Where(t => !t.Name.EndsWith("QueryHandler", StringComparison.Ordinal))), Is.Empty);
    }

    [Test]
    public void ValidatorsShouldEndInValidator()
    {
        var validators = Validators();

        Assert.That(validators, Is.Not.Empty);
        Assert.That(Names(validators.Where(t => !t.Name.EndsWith("Validator", StringComparison.Ordinal))), Is.Empty);
    }

    [Test]
    public void ValidatorsShouldNotBePublic()
    {
        Assert.That(Names(Validators().Where(t => t.IsVisible)), Is.Empty);
    }

    [Test]
    public void ClassesShouldBeSealedUnlessAbstractOrStatic()
    {
        // A static class is abstract and sealed in IL, so "not abstract and not sealed" is exactly the open class.
        var open = productionTypes.Where(t => t.IsClass && !t.IsAbstract && !t.IsSealed && t != typeof(Program));

        Assert.That(Names(open), Is.Empty);
    }

    [Test]
    public void EndpointsShouldBeStatic()
    {
        var endpoints = productionTypes
            .Where(t => t.Name.EndsWith("Endpoint", StringComparison.Ordinal) || t.Name.EndsWith("Endpoints", StringComparison.Ordinal))
            .ToList();

        Assert.That(endpoints, Is.Not.Empty);
        Assert.That(Names(endpoints.Where(t => !(t.IsClass && t.IsAbstract && t.IsSealed))), Is.Empty);
    }

    [Test]
    public void CommandsAndQueriesShouldBeRecords()
    {
        var messages = productionTypes.Where(t => t.Implements(typeof(ICommand<>)) || t.Implements(typeof(IQuery<>))).ToList();

        Assert.That(messages, Is.Not.Empty);
        Assert.That(Names(messages.Where(t => !IsRecord(t))), Is.Empty);
    }

    private static List<Type> Validators() =>
        productionTypes.Where(t => !t.IsAbstract && t.DerivesFrom(typeof(AbstractValidator<>))).ToList();

    /// <summary>The compiler gives every record class a <c>&lt;Clone&gt;$</c> method, and nothing else has one.</summary>
    private static bool IsRecord(Type type) =>
        type.IsClass && type.GetMethod("<Clone>$", Type.EmptyTypes) is not null;

    private static IEnumerable<string> Names(IEnumerable<Type> types) => types.Select(t => t.FullName!).Order();
}
