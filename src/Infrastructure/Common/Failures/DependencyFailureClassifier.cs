using Npgsql;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Infrastructure.Common.Storage;

namespace PasswordManager.Infrastructure.Common.Failures;

/// <summary>
/// Finds a database or blob-store failure anywhere in an exception's chain (EF Core wraps Npgsql's exceptions in its
/// own). Only failures a client can wait out count: a constraint violation or a syntax error stays a server error.
/// </summary>
internal sealed class DependencyFailureClassifier : IDependencyFailures
{
    public DependencyFailure? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case BlobStoreFullException:
                    return DependencyFailure.StorageFull;
                case BlobStoreUnavailableException:
                    return DependencyFailure.BlobStoreUnavailable;
                case PostgresException postgres when IsUnavailable(postgres):
                    return DependencyFailure.DatabaseUnavailable;
                case PostgresException:
                    return null;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return DependencyFailure.DatabaseUnavailable;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    return Classify(aggregate.InnerExceptions[0]);
            }
        }

        return null;
    }

    /// <summary>
    /// Connection exceptions (08), insufficient resources such as too many connections or a full disk (53), operator
    /// intervention such as a shutdown or a statement cancelled by <c>statement_timeout</c> (57), system errors (58),
    /// and the transient conflicts PostgreSQL asks the client to retry (40001, 40P01, 55P03).
    /// </summary>
    private static bool IsUnavailable(PostgresException postgres) =>
        postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
        || postgres.SqlState.StartsWith("57", StringComparison.Ordinal)
        || postgres.SqlState.StartsWith("58", StringComparison.Ordinal)
        || postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable;
}
