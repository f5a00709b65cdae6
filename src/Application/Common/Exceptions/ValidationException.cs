using FluentValidation.Results;

namespace PasswordManager.Application.Common.Exceptions;

/// <summary>A command failed input validation; mapped to a 400 ValidationProblemDetails.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException() : this([]) { }

    public ValidationException(string message) : base(message) => Errors = new Dictionary<string, string[]>();

    public ValidationException(string message, Exception innerException) : base(message, innerException) =>
        Errors = new Dictionary<string, string[]>();

    public ValidationException(IEnumerable<ValidationFailure> failures)
        : base("One or more validation failures have occurred.") =>
        Errors = failures
            .GroupBy(f => ToCamelCase(f.PropertyName), f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());

    public IDictionary<string, string[]> Errors { get; }

    private static string ToCamelCase(string name) =>
        string.Join('.', name.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
