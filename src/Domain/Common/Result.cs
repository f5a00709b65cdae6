using System.Diagnostics.CodeAnalysis;

namespace PasswordManager.Domain.Common;

/// <summary>A result type that generic pipeline code can build from an <see cref="Error"/>.</summary>
public interface IFailable<TSelf>
    where TSelf : IFailable<TSelf>
{
    static abstract TSelf Failure(Error error);
}

/// <summary>The outcome of an operation that can fail in an expected way.</summary>
public abstract class Result : IFailable<Result>
{
    private readonly Error? error;

    private protected Result(Error? error) => this.error = error;

    public bool IsSuccess => error is null;

    public bool IsFailure => error is not null;

    public Error Error => error ?? throw new InvalidOperationException("A successful result has no error.");

    public static Result Success() => new Outcome(null);

    public static Result Failure(Error error) => new Outcome(error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result(Error error) => Failure(error);

    private sealed class Outcome(Error? error) : Result(error);
}

/// <summary>The outcome of an operation that yields a value or fails in an expected way.</summary>
public sealed class Result<T> : Result, IFailable<Result<T>>
{
    private readonly T? value;

    private Result(T value) : base(null) => this.value = value;

    private Result(Error error) : base(error) { }

    [SuppressMessage("Design", "CA1000", Justification = "Factory on the generic type reads best at call sites.")]
    public static Result<T> Success(T value) => new(value);

    [SuppressMessage("Design", "CA1000", Justification = "Factory on the generic type reads best at call sites.")]
    public static new Result<T> Failure(Error error) => new(error ?? throw new ArgumentNullException(nameof(error)));

    public T Value => IsSuccess ? value! : throw new InvalidOperationException("A failed result has no value.");

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error ?? throw new ArgumentNullException(nameof(error)));
}
