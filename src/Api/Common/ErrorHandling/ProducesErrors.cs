using PasswordManager.Domain.Common;

namespace PasswordManager.Api.Common.ErrorHandling;

/// <summary>The domain errors an endpoint's use case can return; the OpenAPI document lists their statuses and codes.</summary>
internal sealed record DomainErrorsMetadata(IReadOnlyList<Error> Errors);

internal static class ProducesErrorsExtensions
{
    /// <summary>
    /// Declares the <see cref="Error"/> types the endpoint can answer with (status from <see cref="ErrorProblemMapping"/>,
    /// <c>code</c> from the type). Failures the pipeline produces (validation, authentication, API-key gate, size and
    /// rate limits, unknown route values) are derived from the endpoint's other metadata and need no declaration.
    /// </summary>
    internal static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params Type[] errorTypes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DomainErrorsMetadata(errorTypes.Select(Sample).ToList()));

    private static Error Sample(Type errorType)
    {
        if (!errorType.IsSubclassOf(typeof(Error)) || errorType.IsAbstract)
            throw new ArgumentException($"{errorType.Name} is not a concrete {nameof(Error)}.", nameof(errorType));
        // Codes and statuses are fixed by the type, so an instance built from default arguments carries them.
        var constructor = errorType.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters()
            .Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
            .ToArray();
        return (Error)constructor.Invoke(arguments);
    }
}
