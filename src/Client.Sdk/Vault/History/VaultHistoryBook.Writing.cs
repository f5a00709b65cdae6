using System.Diagnostics;
using PasswordManager.Client.Crypto.History;

namespace PasswordManager.Client.Sdk.Vault.History;

/// <summary>Writing: every change signed on the verified head, checkpoints, and heads reported by other members.</summary>
internal sealed partial class VaultHistoryBook
{
    /// <summary>How long a write keeps re-signing while other members keep moving the head, before its 409 reaches the caller.</summary>
    public static readonly TimeSpan HeadMovedPatience = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Signs a write on the verified head and sends it; on <c>409 vault.history_head_moved</c> (another member wrote first,
    /// not necessarily to the same entry) re-syncs, re-verifies and signs again for up to <see cref="HeadMovedPatience"/>,
    /// pausing a random, growing while so that a writer who keeps losing to a busier one gets its turn. A vault without a
    /// verified history is written without a record (the server takes that only until its first checkpoint; after it, its
    /// refusal makes this verify the chain and sign). <paramref name="changes"/> is asked again for the retry, from the new state.
    /// </summary>
    public async Task<T> WriteAsync<T>(
        Guid vaultId, Func<VaultHistoryState?, (long KeyEpoch, IReadOnlyList<HistoryChange> Changes)> changes, Func<string?, Task<T>> send,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(send);
        RefuseIfRejected(vaultId);
        var started = Stopwatch.GetTimestamp();
        // Without a cache nothing is held yet: the first write goes unsigned, and a vault with a history answers 400
        // vault.history_record_required, after which the chain is verified (from its latest checkpoint) and the write signed.
        for (var attempt = 0; ; attempt++)
        {
            var state = State(vaultId);
            HistoryRecord? record = null;
            if (state is { IsEmpty: false })
            {
                var (epoch, list) = changes(state);
                record = Sign(state, epoch, list);
            }

            try
            {
                var result = await send(record is null ? null : Convert.ToBase64String(record.Bytes));
                if (record is not null) Accept(vaultId, record);
                return result;
            }
            catch (PmApiException problem) when (
                (problem.Code == ProblemCodes.HistoryHeadMoved && Stopwatch.GetElapsedTime(started) < HeadMovedPatience)
                || (problem.Code == ProblemCodes.HistoryRecordRequired && attempt == 0))
            {
                if (attempt > 0) await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 * Math.Min(attempt + 1, 20))), cancellationToken);
                await CatchUpAsync(vaultId, cancellationToken);
            }
        }
    }

    /// <summary>No write goes to a vault whose history did not verify: it would extend a chain this device cannot vouch for.</summary>
    /// <exception cref="HistoryVerificationException">The vault's last sync failed its history check.</exception>
    public void RefuseIfRejected(Guid vaultId)
    {
        if (cache?.HistoryRejected.GetValueOrDefault(vaultId) is { } why)
            throw new HistoryVerificationException(HistoryRejection.Malformed, null, $"{why} Nothing was written to this vault.");
    }

    public HistoryRecord Sign(VaultHistoryState state, long keyEpoch, IReadOnlyList<HistoryChange> changes)
    {
        ArgumentNullException.ThrowIfNull(state);
        return HistoryRecord.Sign(state.VaultId, state.HeadSeq + 1, state.HeadHash, keys, keyEpoch, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), changes);
    }

    /// <summary>A vault's first record: a checkpoint of <paramref name="state"/> at seq 1.</summary>
    public HistoryRecord SignGenesis(Guid vaultId, long keyEpoch, IEnumerable<HistoryChange> state) =>
        HistoryRecord.Sign(
            vaultId, 1, HistoryRecord.GenesisPrev, keys, keyEpoch, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), [new CheckpointChange(), .. state]);

    /// <summary>Applies this device's own record once the server took it.</summary>
    public void Accept(Guid vaultId, HistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var held = Find(vaultId);
        var state = held?.Decoded ?? VaultHistoryState.Empty(vaultId);
        try
        {
            // Apply changes nothing when it throws, so the held state is changed in place.
            state.Apply(record, id => id == keys.UserId ? keys.PublicBundle : null);
        }
        catch (HistoryVerificationException rejected)
        {
            throw Problem(vaultId, rejected);
        }

        var lastCheckpoint = record.IsCheckpoint ? record.Seq : held?.LastCheckpointSeq ?? 0;
        if (held?.Decoded is null)
        {
            Held[vaultId] = HeldHistory.Of(state, lastCheckpoint, DateTimeOffset.UtcNow, new() { [keys.UserId] = keys.PublicBundle.ToArray() });
            return;
        }

        held.MarkChanged();
        (held.LastCheckpointSeq, held.VerifiedAt) = (lastCheckpoint, DateTimeOffset.UtcNow);
        held.AuthorKeys[keys.UserId] = keys.PublicBundle.ToArray();
    }

    /// <summary>
    /// Writes a checkpoint of the verified state when this account is an admin and <see cref="CheckpointInterval"/> records
    /// followed the last one. It only shortens a fresh device's verification, so a refusal (someone wrote first, or the
    /// server's state differs, e.g. by an expired grant) is left for the next sync.
    /// </summary>
    public async Task CheckpointIfDueAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        if (State(vaultId) is not { IsEmpty: false } state || Find(vaultId) is not { } held) return;
        if (state.HeadSeq - held.LastCheckpointSeq < CheckpointInterval) return;
        if (!state.Members.TryGetValue(keys.UserId, out var me) || me.Permission != Crypto.Sharing.AccessPermission.Admin) return;
        try
        {
            await AppendCheckpointAsync(state, cancellationToken);
        }
        catch (PmApiException refused) when ((int)refused.Status is >= 400 and < 500)
        {
        }
    }

    /// <summary>Signs and writes a checkpoint of <paramref name="state"/> (the verified state, at its key epoch).</summary>
    public async Task<HistoryRecord> AppendCheckpointAsync(VaultHistoryState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var record = Sign(state, state.KeyEpoch, state.CheckpointChanges());
        try
        {
            await api.AppendCheckpointAsync(state.VaultId, record.Bytes, cancellationToken);
        }
        catch (PmApiException problem) when (problem.Code == ProblemCodes.HistoryHeadMoved)
        {
            return record;
        }

        Accept(state.VaultId, record);
        return record;
    }

    /// <summary>
    /// Remembers a head another member reported (its code); the verified chain must contain it now or at a later sync.
    /// </summary>
    /// <returns>True when the verified chain contains it; false when it is beyond the verified head (remembered).</returns>
    /// <exception cref="HistoryVerificationException">The verified chain holds another record at that seq (a fork).</exception>
    public bool Expect(Guid vaultId, long seq, byte[] hashPrefix)
    {
        var state = Copy(vaultId) ?? throw new HistoryVerificationException(
            HistoryRejection.Rollback, seq, $"Vault {vaultId}: another member holds record {seq}, but this server serves the vault without any signed history.");
        try
        {
            state.ExpectHead(seq, hashPrefix);
        }
        catch (HistoryVerificationException rejected)
        {
            throw Problem(vaultId, rejected);
        }

        var held = Find(vaultId)!;
        Held[vaultId] = HeldHistory.Of(state, held.LastCheckpointSeq, held.VerifiedAt, held.AuthorKeys);
        return state.ContainsHead(seq, hashPrefix) == true;
    }

    /// <summary>Forgets the heads remembered beyond the verified head (<see cref="Expect"/> with a mistyped code); returns how many.</summary>
    public int ForgetExpected(Guid vaultId)
    {
        if (Copy(vaultId) is not { } state) return 0;
        var forgotten = state.ForgetExpectedHeads();
        if (forgotten == 0) return 0;
        var held = Find(vaultId)!;
        Held[vaultId] = HeldHistory.Of(state, held.LastCheckpointSeq, held.VerifiedAt, held.AuthorKeys);
        return forgotten;
    }
}
