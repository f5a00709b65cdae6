using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using PasswordManager.Application.Contracts.Auth.Audit;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>
/// Queues the records in <c>audit.pending_events</c> inside the caller's transaction (ADR-0034): they commit or roll back
/// with the action, and no tenant-wide row is locked. <see cref="AuditChainer"/> places them in the chain afterwards.
/// </summary>
internal sealed class PostgresAuditTrail : IAuditTrail
{
    public async Task AppendAsync(DbTransaction transaction, IReadOnlyCollection<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        var npgsqlTransaction = (NpgsqlTransaction)transaction;
        var connection = npgsqlTransaction.Connection ?? throw new InvalidOperationException("The transaction is already completed.");

        var rows = records.Select(r => r with { OccurredAt = AuditChain.ToStoredPrecision(r.OccurredAt) }).ToList();
        if (rows.Any(r => r.Details is { Length: > AuditRecord.MaxDetailsLength }))
            throw new ArgumentException("Audit details are metadata, kept small.", nameof(records));

        // In the records' order, so events of one action keep their order in the queue (the identity orders it).
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO audit.pending_events (event_id, tenant_id, occurred_at, actor_id, action, outcome, object_type, object_id,
                                              ip_address, device_name, details)
            SELECT u.event_id, u.tenant_id, u.occurred_at, u.actor_id, u.action, u.outcome, u.object_type, u.object_id,
                   u.ip_address, u.device_name, u.details
            FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::uuid[],
                        $9::text[], $10::text[], $11::text[]) WITH ORDINALITY
                 AS u(event_id, tenant_id, occurred_at, actor_id, action, outcome, object_type, object_id, ip_address, device_name, details, position)
            ORDER BY u.position
            """,
            connection, npgsqlTransaction);
        insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. rows.Select(r => Guid.CreateVersion7(r.OccurredAt))] });
        insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. rows.Select(r => r.TenantId)] });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. rows.Select(r => r.OccurredAt)] });
        insert.Parameters.Add(Uuids(rows.Select(r => r.ActorId)));
        insert.Parameters.Add(Texts(rows.Select(r => r.Action)));
        insert.Parameters.Add(Texts(rows.Select(r => r.Outcome)));
        insert.Parameters.Add(Texts(rows.Select(r => r.ObjectType)));
        insert.Parameters.Add(Uuids(rows.Select(r => r.ObjectId)));
        insert.Parameters.Add(Texts(rows.Select(r => r.IpAddress)));
        insert.Parameters.Add(Texts(rows.Select(r => r.DeviceName)));
        insert.Parameters.Add(Texts(rows.Select(r => r.Details)));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    internal static NpgsqlParameter Uuids(IEnumerable<Guid?> values) =>
        new() { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };
}
