namespace PasswordManager.Application.Common.Abstractions;

/// <summary>A store beneath the application that failed in a way the client can only wait out (ADR-0030).</summary>
public enum DependencyFailure
{
    /// <summary>PostgreSQL is unreachable, restarting, out of connections or did not answer within the statement bound.</summary>
    DatabaseUnavailable,

    /// <summary>The blob store (S3 endpoint) cannot be reached or refused the operation.</summary>
    BlobStoreUnavailable,

    /// <summary>The filesystem under the blob store has no space left.</summary>
    StorageFull,
}

/// <summary>
/// Recognises failures of the database and the blob store, wherever in an exception's chain they sit, so the Api
/// answers them as "try again later" instead of a server error.
/// </summary>
public interface IDependencyFailures
{
    /// <summary>The kind of dependency failure <paramref name="exception"/> is, or null when it is not one.</summary>
    DependencyFailure? Classify(Exception exception);
}
