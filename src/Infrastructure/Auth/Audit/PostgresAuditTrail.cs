using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using PasswordManager.Application.Contracts.Auth.Audit;

namespace PasswordManager.Infrastructure.Auth.Audit;

internal sealed class PostgresAuditTrail : IAuditTrail
{
    public async Task AppendAsync(DbTransaction transaction, IReadOnlyCollection<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        var npgsqlTransaction = (NpgsqlTransaction)transaction;
        var connection = npgsqlTransaction.Connection ?? throw new InvalidOperationException("The transaction is already completed.");

        // Heads are locked in one order, so two transactions appending for the same tenants cannot deadlock.
        foreach (var tenant in records.GroupBy(r => r.TenantId).OrderBy(g => g.Key))
            await AppendForTenantAsync(connection, npgsqlTransaction, tenant.Key, [.. tenant], cancellationToken);
    }

    private static async Task AppendForTenantAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, List<AuditRecord> records, CancellationToken cancellationToken)
    {
        // Creates the head on a tenant's first event and otherwise locks it (an upsert that updates locks the row), in one
        // round trip; the lock is held until the caller commits.
        long sequence;
        byte[] previous;
        await using (var head = new NpgsqlCommand(
            """
            INSERT INTO audit.chain_heads (tenant_id, sequence, hash) VALUES ($1, 0, $2)
            ON CONFLICT (tenant_id) DO UPDATE SET sequence = audit.chain_heads.sequence
            RETURNING sequence, hash
            """, connection, transaction))
        {
            head.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
            head.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = AuditChain.Genesis });
            await using var reader = await head.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            sequence = reader.GetInt64(0);
            previous = (byte[])reader[1];
        }

        var count = records.Count;
        var ids = new Guid[count];
        var sequences = new long[count];
        var times = new DateTimeOffset[count];
        var previousHashes = new byte[count][];
        var hashes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var record = records[i] with { OccurredAt = AuditChain.ToStoredPrecision(records[i].OccurredAt) };
            if (record.Details is { Length: > AuditRecord.MaxDetailsLength })
                throw new ArgumentException("Audit details are metadata, kept small.", nameof(records));
            records[i] = record;
            ids[i] = Guid.CreateVersion7(record.OccurredAt);
            sequences[i] = ++sequence;
            times[i] = record.OccurredAt;
            previousHashes[i] = previous;
            hashes[i] = previous = AuditChain.RowHash(previous, ids[i], sequences[i], record);
        }

        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            var insert = new NpgsqlBatchCommand(
                """
                INSERT INTO audit.events (id, tenant_id, sequence, occurred_at, actor_id, action, outcome, object_type, object_id,
                                          ip_address, device_name, details, previous_hash, hash)
                SELECT u.id, $1, u.sequence, u.occurred_at, u.actor_id, u.action, u.outcome, u.object_type, u.object_id,
                       u.ip_address, u.device_name, u.details, u.previous_hash, u.hash
                FROM unnest($2::uuid[], $3::bigint[], $4::timestamptz[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::uuid[],
                            $10::text[], $11::text[], $12::text[], $13::bytea[], $14::bytea[])
                     AS u(id, sequence, occurred_at, actor_id, action, outcome, object_type, object_id,
                          ip_address, device_name, details, previous_hash, hash)
                """);
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sequences });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = times });
            insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => (object?)r.ActorId ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            insert.Parameters.Add(Texts(records.Select(r => r.Action)));
            insert.Parameters.Add(Texts(records.Select(r => r.Outcome)));
            insert.Parameters.Add(Texts(records.Select(r => r.ObjectType)));
            insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => (object?)r.ObjectId ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            insert.Parameters.Add(Texts(records.Select(r => r.IpAddress)));
            insert.Parameters.Add(Texts(records.Select(r => r.DeviceName)));
            insert.Parameters.Add(Texts(records.Select(r => r.Details)));
            insert.Parameters.Add(new NpgsqlParameter { Value = previousHashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(insert);

            var advance = new NpgsqlBatchCommand("UPDATE audit.chain_heads SET sequence = $2, hash = $3 WHERE tenant_id = $1");
            advance.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
            advance.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = previous });
            batch.BatchCommands.Add(advance);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
