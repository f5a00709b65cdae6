namespace PasswordManager.Domain.Common;

/// <summary>
/// An expected failure of a use case. <see cref="Code"/> is stable and documented for clients
/// (<c>module.snake_case</c>); <see cref="Message"/> is for people and never contains a secret.
/// </summary>
public abstract record Error(string Code, string Message)
{
    /// <summary>Data a client needs to resolve the failure (e.g. the server's current state in a conflict).</summary>
    public virtual object? Details => null;
}

/// <summary>The object does not exist or the caller may not know that it exists (404).</summary>
public abstract record NotFoundError(string Code, string Message) : Error(Code, Message);

/// <summary>The request conflicts with the current state (409).</summary>
public abstract record ConflictError(string Code, string Message) : Error(Code, Message);

/// <summary>The caller is known but not allowed to do this (403).</summary>
public abstract record ForbiddenError(string Code, string Message) : Error(Code, Message);

/// <summary>The caller could not be authenticated (401).</summary>
public abstract record UnauthorizedError(string Code, string Message) : Error(Code, Message);

/// <summary>The request is well-formed but breaks a business rule (400).</summary>
public abstract record ValidationError(string Code, string Message) : Error(Code, Message);

/// <summary>A body (often streamed, of unknown length) outgrew its limit (413, as a declared length over it would be).</summary>
public abstract record PayloadTooLargeError(string Code, string Message) : ValidationError(Code, Message);

/// <summary>The caller must wait before trying again (429 with <c>Retry-After</c>).</summary>
public abstract record TooManyRequestsError(string Code, string Message, TimeSpan RetryAfter) : Error(Code, Message)
{
    public override object? Details => new { retryAfterSeconds = RetryAfterSeconds };

    public int RetryAfterSeconds => (int)Math.Max(1, Math.Ceiling(RetryAfter.TotalSeconds));
}
