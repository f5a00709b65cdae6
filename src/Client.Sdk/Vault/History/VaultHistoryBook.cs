using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Keys;

namespace PasswordManager.Client.Sdk.Vault.History;

/// <summary>
/// The signed history of every vault this device syncs (ADR-0032): records verified from the last held head (chain,
/// signature under the author's pinned bundle, the author's right), the cache compared with the chain's state after a
/// sync, and every write signed on the verified head. The state lives in the attached <see cref="LocalVaultCache"/>
/// (in memory only when none is attached). Every failure is a <see cref="HistoryVerificationException"/> naming the vault.
/// </summary>
internal sealed partial class VaultHistoryBook(VaultHistoryApi api, AccountKeys keys, TrustedKeys? trust)
{
    /// <summary>An admin's client writes a checkpoint once this many records followed the last one (ADR-0032 §5).</summary>
    public const int CheckpointInterval = 1000;

    private readonly Dictionary<Guid, HeldHistory> transient = [];
    private LocalVaultCache? cache;

    /// <summary>Re-syncs the cache (set by sync), so that a write whose head moved re-verifies before it signs again.</summary>
    public Func<CancellationToken, Task>? Resync { get; set; }

    public VaultHistoryApi Api => api;

    /// <summary>
    /// Only for the benchmarks that measure what signed history costs (bench/): vaults this device creates get no history,
    /// and a sync verifies none, so writes to those vaults go unsigned — the client as it was before ADR-0032.
    /// </summary>
    internal bool MeasuringWithout { get; set; }

    public void Attach(LocalVaultCache attached) => cache = attached;

    private Dictionary<Guid, HeldHistory> Held => cache?.History ?? transient;

    /// <summary>
    /// The verified state of the vault's history, shared with the cache: only read it (<see cref="Copy"/> to work on one).
    /// Null when this device verified none (a vault without records).
    /// </summary>
    public VaultHistoryState? State(Guid vaultId) => Held.GetValueOrDefault(vaultId)?.Decoded;

    /// <summary>A copy of the verified state to change freely; null when none is held.</summary>
    public VaultHistoryState? Copy(Guid vaultId) =>
        Held.TryGetValue(vaultId, out var held) && held.HoldsState ? VaultHistoryState.Import(held.State) : null;

    public HeldHistory? Find(Guid vaultId) => Held.GetValueOrDefault(vaultId);

    /// <summary>The held heads, for the sync's <c>heads</c> parameter.</summary>
    public IEnumerable<(Guid VaultId, long Seq, byte[] Hash)> Heads()
    {
        foreach (var vaultId in Held.Keys.ToList())
        {
            if (State(vaultId) is { IsEmpty: false } state) yield return (vaultId, state.HeadSeq, state.HeadHash);
        }
    }

    /// <summary>
    /// The <c>heads</c> parameter of a sync: base64url of version byte 1, then per vault its id (16 bytes, big-endian), seq
    /// (u64be) and record hash (32 bytes); null when there is none.
    /// </summary>
    public static string? FormatHeads(IEnumerable<(Guid VaultId, long Seq, byte[] Hash)> heads)
    {
        var list = heads.OrderBy(h => h.VaultId).ToList();
        if (list.Count == 0) return null;
        var bytes = new byte[1 + (list.Count * 56)];
        bytes[0] = 1;
        var offset = 1;
        foreach (var (vaultId, seq, hash) in list)
        {
            vaultId.TryWriteBytes(bytes.AsSpan(offset, 16), bigEndian: true, out _);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(offset + 16, 8), seq);
            hash.CopyTo(bytes.AsSpan(offset + 24, 32));
            offset += 56;
        }

        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// Verifies what the server served for <paramref name="vaultId"/> (records and head) from the held head on, fetching
    /// the records it left out; the held state moves only when every record verified.
    /// </summary>
    /// <exception cref="HistoryVerificationException">The chain does not verify: the held state is unchanged.</exception>
    public async Task VerifyAsync(Guid vaultId, IReadOnlyList<HistoryRecordItem> served, HistoryHeadItem? head, CancellationToken cancellationToken)
    {
        head = head?.OrNull();
        var state = Copy(vaultId);
        var from = state?.HeadSeq ?? 0;
        if (head is null && served.Count == 0)
        {
            if (state is { IsEmpty: false })
                throw Problem(vaultId, new HistoryVerificationException(
                    HistoryRejection.Rollback, from, $"the server serves the vault without any signed history, but this device verified it up to record {from} (a rollback)."));
            return;
        }

        try
        {
            if (state is not null && head is not null) state.CheckServerHead(head.Seq, head.Hash);
            var records = new SortedDictionary<long, byte[]>();
            foreach (var item in served.Where(r => r.Seq > from)) records[item.Seq] = item.Record;
            var target = Math.Max(head?.Seq ?? 0, records.Count == 0 ? 0 : records.Keys.Max());
            if (!Contiguous(records, from, target) || (state is null && records.Keys.FirstOrDefault() != 1 && !StartsWithCheckpoint(records)))
                await FetchAsync(vaultId, from, records, cancellationToken);

            var held = Find(vaultId) ?? new HeldHistory();
            var lastCheckpoint = held.LastCheckpointSeq;
            var signers = new AuthorSigners(state is null ? [] : held.AuthorKeys);
            state ??= VaultHistoryState.Empty(vaultId);
            foreach (var (seq, bytes) in records.Where(r => r.Key > from))
            {
                var record = Decode(seq, bytes);
                await ApplyAsync(state, record, signers, cancellationToken);
                if (record.IsCheckpoint) lastCheckpoint = record.Seq;
            }

            // Records fetched to fill a gap may run past the page's head (writes committed since): the head must then be in the chain.
            var headReached = head is null
                || (head.Seq == state.HeadSeq && state.HeadHash.AsSpan().SequenceEqual(head.Hash))
                || (head.Seq < state.HeadSeq && state.ContainsHead(head.Seq, head.Hash) == true);
            if (!headReached)
                throw new HistoryVerificationException(
                    HistoryRejection.BrokenChain, head!.Seq, $"the server's head (record {head.Seq}) is not the record its chain leads to (record {state.HeadSeq}).");
            if (state.ExpectedHeads.Count > 0)
            {
                var (seq, _) = state.ExpectedHeads.First();
                throw new HistoryVerificationException(
                    HistoryRejection.Rollback, seq,
                    $"another member holds record {seq}, but this server serves the vault only up to record {state.HeadSeq} (withheld records, an old state or a fork).");
            }

            Held[vaultId] = HeldHistory.Of(state, lastCheckpoint, DateTimeOffset.UtcNow, signers.NewestKeys);
        }
        catch (HistoryVerificationException rejected)
        {
            throw Problem(vaultId, rejected);
        }
    }

    /// <summary>
    /// Compares the cached entries of <paramref name="vaultId"/> with the verified state: same live ids at the same
    /// versions and ciphertext hashes, no live entry the chain deleted. Entries the sync already refused are reported
    /// (and kept unusable) by the sync itself.
    /// </summary>
    /// <exception cref="HistoryVerificationException">A withheld write or delete, an unrecorded change or a swapped ciphertext.</exception>
    public void Compare(LocalVaultCache held, Guid vaultId)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (State(vaultId) is not { IsEmpty: false } state) return;
        // By id, whatever vault the refused copy claimed: a copy moved to another vault is refused there, and missing here.
        var refused = held.Refused.Keys.ToHashSet();
        var entries = held.Entries.Values
            .Where(e => e.VaultId == vaultId && !refused.Contains(e.EntryId))
            .Select(e => new HeldEntry(e.EntryId, e.Version, e.Deleted, e.Ciphertext is null ? null : CiphertextHashes.Of(e.Ciphertext)))
            .ToList();
        try
        {
            foreach (var withheld in refused.Where(id => state.Entries.ContainsKey(id)))
                entries.Add(Assumed(withheld, state));
            state.VerifyHolds(entries);
        }
        catch (HistoryVerificationException rejected)
        {
            throw Problem(vaultId, rejected);
        }
    }

    /// <summary>The stored body of an attachment must be the one its author signed.</summary>
    /// <exception cref="HistoryVerificationException">Another body, or an attachment the chain does not hold.</exception>
    public void CheckAttachment(Guid vaultId, Guid entryId, Guid attachmentId, byte[] contentHash)
    {
        if (State(vaultId) is not { IsEmpty: false } state) return;
        try
        {
            state.CheckAttachment(attachmentId, entryId, contentHash);
        }
        catch (HistoryVerificationException rejected)
        {
            throw Problem(vaultId, rejected);
        }
    }

    /// <summary>Brings the vault's verified head up to the server's, through a sync when one is attached.</summary>
    public async Task CatchUpAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        if (cache is not null && Resync is { } resync)
        {
            await resync(cancellationToken);
            return;
        }

        await VerifyAsync(vaultId, [], (await api.ListAsync(vaultId, State(vaultId)?.HeadSeq ?? 0, 1, cancellationToken)).Head, cancellationToken);
    }

    /// <summary>A refused entry stands in as the state has it: the refusal is reported by the sync, not a second time here.</summary>
    private static HeldEntry Assumed(Guid entryId, VaultHistoryState state)
    {
        var entry = state.Entries[entryId];
        return new HeldEntry(entryId, entry.Version, entry.Deleted, entry.CiphertextHash);
    }

    /// <summary>The records after <paramref name="from"/>; with nothing verified yet (0), from the latest checkpoint on.</summary>
    private async Task FetchAsync(Guid vaultId, long from, SortedDictionary<long, byte[]> records, CancellationToken cancellationToken)
    {
        long? after = from == 0 ? null : from;
        if (from == 0) records.Clear();
        while (true)
        {
            var page = await api.ListAsync(vaultId, after, VaultHistoryApi.PageLimit, cancellationToken);
            foreach (var item in page.Items.Where(i => i.Seq > from)) records[item.Seq] = item.Record;
            if (page.Items.Count == 0 || page.Next is not { } next) return;
            after = next;
        }
    }

    private async Task<PublicKeyBundle?> AuthorBundleAsync(HistoryRecord record, CancellationToken cancellationToken)
    {
        if (record.AuthorId == keys.UserId) return keys.PublicBundle;
        if (trust is null) return null;
        try
        {
            return (await trust.RequireAsync(record.AuthorId, checkDirectory: false, cancellationToken)).Bundle;
        }
        catch (PmApiException problem) when (problem.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static HistoryRecord Decode(long seq, byte[] bytes)
    {
        HistoryRecord record;
        try
        {
            record = HistoryRecord.Decode(bytes);
        }
        catch (CryptoFormatException malformed)
        {
            throw new HistoryVerificationException(HistoryRejection.Malformed, seq, $"record {seq} is malformed ({malformed.Message})");
        }

        return record.Seq == seq
            ? record
            : throw new HistoryVerificationException(HistoryRejection.BrokenChain, seq, $"the server filed record {record.Seq} as record {seq}.");
    }

    private static bool StartsWithCheckpoint(SortedDictionary<long, byte[]> records)
    {
        if (records.Count == 0) return false;
        try
        {
            return HistoryRecord.Decode(records.First().Value).IsCheckpoint;
        }
        catch (CryptoFormatException)
        {
            return false;
        }
    }

    private static bool Contiguous(SortedDictionary<long, byte[]> records, long from, long target) =>
        records.Count(r => r.Key > from) == target - from && (target == from || (records.ContainsKey(from + 1) && records.ContainsKey(target)));

    private static HistoryVerificationException Problem(Guid vaultId, HistoryVerificationException rejected)
    {
        var prefix = rejected.Seq is { } seq ? $"History record {seq}: " : "";
        var bare = prefix.Length > 0 && rejected.Message.StartsWith(prefix, StringComparison.Ordinal) ? rejected.Message[prefix.Length..] : rejected.Message;
        return bare.StartsWith("Vault ", StringComparison.Ordinal)
            ? rejected
            : new HistoryVerificationException(rejected.Reason, rejected.Seq, $"Vault {vaultId}: {bare.TrimEnd('.')} ({Describe(rejected.Reason)}).");
    }

    private static string Describe(string reason) => reason switch
    {
        HistoryRejection.WithheldChange => "the server withheld a signed change",
        HistoryRejection.UnrecordedChange => "the server serves a change nobody signed",
        HistoryRejection.SwappedCiphertext => "the server swapped a ciphertext",
        HistoryRejection.Rollback => "the server rolled the history back",
        HistoryRejection.Fork => "the server forked the history",
        HistoryRejection.BadSignature => "a forged record",
        HistoryRejection.NotAuthorized => "a record its author had no right to sign",
        HistoryRejection.WrongVault => "a record of another vault",
        HistoryRejection.BrokenChain => "the chain is broken: records missing, reordered or replaced",
        HistoryRejection.UnknownAuthor => "a record by an unknown author",
        _ => reason.Replace('_', ' '),
    };
}
