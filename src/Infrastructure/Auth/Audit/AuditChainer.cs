using Npgsql;
using NpgsqlTypes;
using PasswordManager.Application.Contracts.Auth.Audit;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>
/// Places committed events of <c>audit.pending_events</c> in their tenant's hash chain (ADR-0034): under the tenant's head
/// row lock it deletes a batch of the oldest pending rows, computes their sequences and hashes, inserts them into
/// <c>audit.events</c> and moves the head, in one transaction. The head lock serializes chainers of a tenant, and a row
/// leaves the queue in the same transaction that chains it, so every event is chained exactly once and without gaps.
/// </summary>
internal static class AuditChainer
{
    internal const int BatchSize = 500;

    /// <summary>Chains every pending event of the tenant, waiting for a chainer that holds the head: what a reader calls first.</summary>
    public static async Task<int> ChainTenantAsync(NpgsqlConnection connection, Guid tenantId, CancellationToken cancellationToken)
    {
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM audit.pending_events WHERE tenant_id = $1)", connection))
        {
            any.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
            if (!(bool)(await any.ExecuteScalarAsync(cancellationToken))!) return 0;
        }

        return await ChainAsync(connection, tenantId, skipLocked: false, cancellationToken);
    }

    /// <summary>
    /// Chains the pending events of every tenant. With <paramref name="skipLocked"/> (the background chainer), a tenant whose
    /// head another chainer holds is left to it.
    /// </summary>
    public static async Task<int> ChainAllAsync(NpgsqlConnection connection, bool skipLocked, CancellationToken cancellationToken)
    {
        var tenants = new List<Guid>();
        await using (var pending = new NpgsqlCommand("SELECT DISTINCT tenant_id FROM audit.pending_events", connection))
        await using (var reader = await pending.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) tenants.Add(reader.GetGuid(0));
        }

        var chained = 0;
        foreach (var tenant in tenants) chained += await ChainAsync(connection, tenant, skipLocked, cancellationToken);
        return chained;
    }

    private static async Task<int> ChainAsync(NpgsqlConnection connection, Guid tenantId, bool skipLocked, CancellationToken cancellationToken)
    {
        var chained = 0;
        while (true)
        {
            var batch = await ChainBatchAsync(connection, tenantId, skipLocked, cancellationToken);
            chained += batch;
            if (batch < BatchSize) return chained;
        }
    }

    private static async Task<int> ChainBatchAsync(NpgsqlConnection connection, Guid tenantId, bool skipLocked, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var head = await LockHeadAsync(connection, transaction, tenantId, skipLocked, cancellationToken);
        if (head is null)
        {
            // Absent, or (skipping) held by another chainer. The upsert waits for a holder, so it is not tried when skipping.
            if (skipLocked && await HeadExistsAsync(connection, transaction, tenantId, cancellationToken)) return 0;
            await using (var create = new NpgsqlCommand(
                "INSERT INTO audit.chain_heads (tenant_id, sequence, hash) VALUES ($1, 0, $2) ON CONFLICT (tenant_id) DO NOTHING", connection, transaction))
            {
                create.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
                create.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = AuditChain.Genesis });
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            head = await LockHeadAsync(connection, transaction, tenantId, skipLocked: false, cancellationToken);
        }

        var (sequence, previous) = head ?? throw new InvalidOperationException("The chain head was just created.");

        // Read committed: this statement runs after the head lock is held, so it sees every row an earlier chainer deleted.
        var pending = new List<(long Position, Guid Id, AuditRecord Record)>();
        await using (var claim = new NpgsqlCommand(
            """
            DELETE FROM audit.pending_events
            WHERE id IN (SELECT id FROM audit.pending_events WHERE tenant_id = $1 ORDER BY id LIMIT $2)
            RETURNING id, event_id, occurred_at, actor_id, action, outcome, object_type, object_id, ip_address, device_name, details
            """, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add((reader.GetInt64(0), reader.GetGuid(1), new AuditRecord(
                    tenantId, NullableGuid(reader, 3), reader.GetString(4), reader.GetString(5), NullableString(reader, 6), NullableGuid(reader, 7),
                    reader.GetFieldValue<DateTimeOffset>(2), NullableString(reader, 8), NullableString(reader, 9), NullableString(reader, 10))));
            }
        }

        if (pending.Count == 0) return 0;
        pending.Sort((a, b) => a.Position.CompareTo(b.Position));

        var count = pending.Count;
        var sequences = new long[count];
        var previousHashes = new byte[count][];
        var hashes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            sequences[i] = ++sequence;
            previousHashes[i] = previous;
            hashes[i] = previous = AuditChain.RowHash(previous, pending[i].Id, sequences[i], pending[i].Record);
        }

        var records = pending.Select(p => p.Record).ToList();
        await using (var write = new NpgsqlBatch(connection, transaction))
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
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. pending.Select(p => p.Id)] });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sequences });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. records.Select(r => r.OccurredAt)] });
            insert.Parameters.Add(PostgresAuditTrail.Uuids(records.Select(r => r.ActorId)));
            insert.Parameters.Add(PostgresAuditTrail.Texts(records.Select(r => r.Action)));
            insert.Parameters.Add(PostgresAuditTrail.Texts(records.Select(r => r.Outcome)));
            insert.Parameters.Add(PostgresAuditTrail.Texts(records.Select(r => r.ObjectType)));
            insert.Parameters.Add(PostgresAuditTrail.Uuids(records.Select(r => r.ObjectId)));
            insert.Parameters.Add(PostgresAuditTrail.Texts(records.Select(r => r.IpAddress)));
            insert.Parameters.Add(PostgresAuditTrail.Texts(records.Select(r => r.DeviceName)));
            insert.Parameters.Add(PostgresAuditTrail.Texts(records.Select(r => r.Details)));
            insert.Parameters.Add(new NpgsqlParameter { Value = previousHashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            write.BatchCommands.Add(insert);

            var advance = new NpgsqlBatchCommand("UPDATE audit.chain_heads SET sequence = $2, hash = $3 WHERE tenant_id = $1");
            advance.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
            advance.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = previous });
            write.BatchCommands.Add(advance);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static async Task<(long Sequence, byte[] Hash)?> LockHeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, bool skipLocked, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            $"SELECT sequence, hash FROM audit.chain_heads WHERE tenant_id = $1 FOR UPDATE{(skipLocked ? " SKIP LOCKED" : "")}", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (reader.GetInt64(0), (byte[])reader[1]);
    }

    private static async Task<bool> HeadExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM audit.chain_heads WHERE tenant_id = $1)", connection, transaction);
        exists.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
    }

    private static Guid? NullableGuid(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
