using FluentValidation;
using PasswordManager.Application;

namespace PasswordManager.UnitTests.Support;

/// <summary>
/// Creates the Application layer's internal validators the way the production container finds them, by
/// assembly scanning, so the tests need no InternalsVisibleTo.
/// </summary>
internal static class Validators
{
    private static readonly AssemblyScanner scanner =
        AssemblyScanner.FindValidatorsInAssembly(typeof(ApplicationAssembly).Assembly, includeInternalTypes: true);

    public static IValidator<T> For<T>()
    {
        var found = scanner.Where(r => r.InterfaceType == typeof(IValidator<T>)).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"Expected exactly one validator for {typeof(T).Name}.");
        return (IValidator<T>)Activator.CreateInstance(found[0].ValidatorType)!;
    }
}
