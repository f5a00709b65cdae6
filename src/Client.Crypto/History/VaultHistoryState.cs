using System.Buffers.Binary;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.History;

/// <summary>A member as the verified history holds it.</summary>
public sealed record HistoryMember(AccessPermission Permission, byte[] AccessHash);

/// <summary>An entry as the verified history holds it (a deleted entry keeps its version; its hash is 32 zero bytes).</summary>
public sealed record HistoryEntry(long Version, bool Deleted, byte[] CiphertextHash);

/// <summary>An attachment (not deleted) as the verified history holds it.</summary>
public sealed record HistoryAttachment(Guid EntryId, byte[] ContentHash);

/// <summary>An entry a client holds after a sync, for <see cref="VaultHistoryState.VerifyHolds"/>; the hash may be omitted for a tombstone.</summary>
public sealed record HeldEntry(Guid EntryId, long Version, bool Deleted, byte[]? CiphertextHash);

/// <summary>An attachment a client holds (listed) after a sync; <paramref name="ContentHash"/> null when its body was not fetched.</summary>
public sealed record HeldAttachment(Guid AttachmentId, Guid EntryId, byte[]? ContentHash);

/// <summary>
/// The verified state of one vault's history (docs/crypto-format.md §21.2): head, key epoch, members, entries and
/// attachments, replayed from signed records. Not thread-safe. A failed <see cref="Apply(HistoryRecord, Func{Guid, PublicKeyBundle?})"/>
/// leaves the state unchanged.
/// </summary>
public sealed class VaultHistoryState
{
    /// <summary>How many of the latest record hashes are kept to answer <see cref="ContainsHead"/> for older heads.</summary>
    public const int RecentHeadsKept = 1024;

    private const byte ExportVersion = 1;
    private static readonly byte[] exportMagic = "pmhs"u8.ToArray();

    private readonly Dictionary<Guid, HistoryMember> members = [];
    private readonly Dictionary<Guid, HistoryEntry> entries = [];
    private readonly Dictionary<Guid, HistoryAttachment> attachments = [];
    private readonly SortedDictionary<long, byte[]> recentHeads = [];
    private readonly SortedDictionary<long, byte[]> expectedHeads = [];

    private VaultHistoryState(Guid vaultId) => VaultId = vaultId;

    public Guid VaultId { get; }

    /// <summary>Seq of the last verified record; 0 while nothing is verified.</summary>
    public long HeadSeq { get; private set; }

    /// <summary>Hash of the last verified record; 32 zero bytes while nothing is verified.</summary>
    public byte[] HeadHash { get; private set; } = new byte[HistoryFormat.HashSize];

    /// <summary>The head code (§21.4) of the verified head; null while nothing is verified.</summary>
    public string? HeadCode => IsEmpty ? null : History.HeadCode.Format(HeadSeq, HeadHash);

    public bool IsEmpty => HeadSeq == 0;

    public long KeyEpoch { get; private set; }

    public IReadOnlyDictionary<Guid, HistoryMember> Members => members;

    /// <summary>Every entry the history knows, live and deleted.</summary>
    public IReadOnlyDictionary<Guid, HistoryEntry> Entries => entries;

    /// <summary>Every attachment not deleted, including those of deleted entries (they return with their entry).</summary>
    public IReadOnlyDictionary<Guid, HistoryAttachment> Attachments => attachments;

    /// <summary>Heads (seq → hash prefix) this device was told to expect and has not reached yet.</summary>
    public IReadOnlyDictionary<long, byte[]> ExpectedHeads => expectedHeads;

    /// <summary>A state with nothing verified: the first record applied must be a checkpoint.</summary>
    public static VaultHistoryState Empty(Guid vaultId) => new(vaultId);

    /// <summary>Whether the attachment is live: not deleted and its entry live.</summary>
    public bool IsLive(HistoryAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return entries.TryGetValue(attachment.EntryId, out var entry) && !entry.Deleted;
    }

    /// <summary>
    /// Verifies <paramref name="record"/> against this state with every rule of §21.2–§21.3 and applies it, or throws
    /// <see cref="HistoryVerificationException"/> and changes nothing. <paramref name="authorBundle"/> returns the pinned
    /// bundle of an author (null: none pinned, refused as <see cref="HistoryRejection.UnknownAuthor"/>).
    /// </summary>
    public void Apply(HistoryRecord record, Func<Guid, PublicKeyBundle?> authorBundle)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(authorBundle);
        CheckChain(record);
        var bundle = authorBundle(record.AuthorId) ?? throw Refuse(record, HistoryRejection.UnknownAuthor, $"no pinned key is known for author {record.AuthorId}.");
        if (bundle.UserId != record.AuthorId)
        {
            throw Refuse(record, HistoryRejection.UnknownAuthor, $"the key given for author {record.AuthorId} belongs to {bundle.UserId}.");
        }

        ApplyVerified(record, bundle.Ed25519PublicKey.ToArray());
    }

    /// <summary>
    /// As <see cref="Apply(HistoryRecord, Func{Guid, PublicKeyBundle?})"/>, with <paramref name="authorSigningKey"/> returning
    /// the author's raw 32-byte Ed25519 public key (null: unknown author).
    /// </summary>
    public void Apply(HistoryRecord record, Func<Guid, byte[]?> authorSigningKey)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(authorSigningKey);
        CheckChain(record);
        var key = authorSigningKey(record.AuthorId) ?? throw Refuse(record, HistoryRejection.UnknownAuthor, $"no pinned key is known for author {record.AuthorId}.");
        ApplyVerified(record, key);
    }

    /// <summary>
    /// The changes of a checkpoint of this state (§21.3): a <see cref="CheckpointChange"/>, every entry (deleted ones as
    /// tombstones), every attachment and every member. Sign them at <c>HeadSeq + 1</c>, <c>prev = HeadHash</c>, <see cref="KeyEpoch"/>.
    /// </summary>
    public IReadOnlyList<HistoryChange> CheckpointChanges()
    {
        var changes = new List<HistoryChange> { new CheckpointChange() };
        changes.AddRange(entries.Select(e => new EntryChange(e.Key, e.Value.Version, e.Value.Deleted, e.Value.CiphertextHash)));
        changes.AddRange(attachments.Select(a => new AttachmentChange(a.Value.EntryId, a.Key, Deleted: false, a.Value.ContentHash)));
        changes.AddRange(members.Select(m => new MemberChange(m.Key, m.Value.Permission, m.Value.AccessHash)));
        changes.Sort(HistoryFormat.Compare);
        return changes.AsReadOnly();
    }

    /// <summary>
    /// Whether the verified chain contains the record (<paramref name="seq"/>, hash starting with <paramref name="hashOrPrefix"/>):
    /// true for the head and the last <see cref="RecentHeadsKept"/> records; false for another hash at a known seq (a fork);
    /// null when it cannot tell (seq above the head, or older than the records kept).
    /// </summary>
    public bool? ContainsHead(long seq, ReadOnlySpan<byte> hashOrPrefix)
    {
        if (seq == HeadSeq && !IsEmpty)
        {
            return History.HeadCode.Matches(HeadHash, hashOrPrefix);
        }

        return recentHeads.TryGetValue(seq, out var hash) ? History.HeadCode.Matches(hash, hashOrPrefix) : null;
    }

    /// <summary>
    /// Remembers a head another member reported (a head code, §21.4) or this device held: <see cref="HistoryRejection.Fork"/>
    /// at once when the verified chain holds another record at that seq, else when the record at that seq is applied and
    /// differs. A seq older than the records kept cannot be checked and is ignored.
    /// </summary>
    public void ExpectHead(long seq, ReadOnlySpan<byte> hashOrPrefix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        if (hashOrPrefix.Length is 0 or > HistoryFormat.HashSize)
        {
            throw new ArgumentException("A head hash (prefix) is 1 to 32 bytes.", nameof(hashOrPrefix));
        }

        switch (ContainsHead(seq, hashOrPrefix))
        {
            case false:
                throw new HistoryVerificationException(HistoryRejection.Fork, seq, "the verified chain holds another record at this seq than the expected head.");
            case null when seq > HeadSeq:
                expectedHeads[seq] = hashOrPrefix.ToArray();
                break;
        }
    }

    /// <summary>Drops the remembered heads the verified chain has not reached yet (a mistyped code); returns how many.</summary>
    public int ForgetExpectedHeads()
    {
        var forgotten = expectedHeads.Count;
        expectedHeads.Clear();
        return forgotten;
    }

    /// <summary>
    /// Checks the head the server reports (sync, or a 409's details) against the verified head: below it is a
    /// <see cref="HistoryRejection.Rollback"/>, the same seq with another hash a <see cref="HistoryRejection.Fork"/>.
    /// A head above is fine (the records up to it remain to be applied).
    /// </summary>
    public void CheckServerHead(long serverSeq, ReadOnlySpan<byte> serverHash)
    {
        if (serverSeq < HeadSeq)
        {
            throw new HistoryVerificationException(HistoryRejection.Rollback, serverSeq, $"the server's head is below the verified head {HeadSeq}.");
        }

        if (serverSeq == HeadSeq && !IsEmpty && !serverHash.SequenceEqual(HeadHash))
        {
            throw new HistoryVerificationException(HistoryRejection.Fork, serverSeq, "the server's head has another hash than the verified head.");
        }
    }

    /// <summary>
    /// Compares one entry the server served with the state: the same version and deleted flag, and (when live) the
    /// SHA-256 of the ciphertext equal to the recorded hash.
    /// </summary>
    public void CheckEntry(Guid entryId, long version, bool deleted, ReadOnlySpan<byte> ciphertextHash)
    {
        if (!entries.TryGetValue(entryId, out var held))
        {
            throw Compare(HistoryRejection.UnrecordedChange, $"entry {entryId} (version {version}) is not in the vault's history.");
        }

        if (version < held.Version || (held.Deleted && !deleted))
        {
            throw Compare(HistoryRejection.WithheldChange, $"entry {entryId} is served at version {version}{(deleted ? " deleted" : string.Empty)}, the history records version {held.Version}{(held.Deleted ? " deleted" : string.Empty)}.");
        }

        if (version > held.Version || deleted != held.Deleted)
        {
            throw Compare(HistoryRejection.UnrecordedChange, $"entry {entryId} is served at version {version}{(deleted ? " deleted" : string.Empty)}, the history records version {held.Version}{(held.Deleted ? " deleted" : string.Empty)}.");
        }

        if (!deleted && !ciphertextHash.SequenceEqual(held.CiphertextHash))
        {
            throw Compare(HistoryRejection.SwappedCiphertext, $"the ciphertext of entry {entryId} version {version} is not the one its author recorded.");
        }
    }

    /// <summary>
    /// After a sync: every held entry passes <see cref="CheckEntry"/>, and every entry live in the state is held (else a
    /// withheld write). Deleted entries may be absent from <paramref name="held"/>.
    /// </summary>
    public void VerifyHolds(IEnumerable<HeldEntry> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        var seen = new HashSet<Guid>();
        foreach (var entry in held)
        {
            CheckEntry(entry.EntryId, entry.Version, entry.Deleted, entry.CiphertextHash ?? []);
            seen.Add(entry.EntryId);
        }

        foreach (var (id, entry) in entries)
        {
            if (!entry.Deleted && !seen.Contains(id))
            {
                throw Compare(HistoryRejection.WithheldChange, $"entry {id} version {entry.Version} is in the vault's history but was not served.");
            }
        }
    }

    /// <summary>
    /// After listing a vault's attachments: exactly the live attachments of the state (same ids and entries) and, for those
    /// whose body was fetched, the recorded content hash.
    /// </summary>
    public void VerifyAttachments(IEnumerable<HeldAttachment> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        var seen = new HashSet<Guid>();
        foreach (var attachment in held)
        {
            CheckAttachment(attachment.AttachmentId, attachment.EntryId, attachment.ContentHash);
            seen.Add(attachment.AttachmentId);
        }

        foreach (var (id, attachment) in attachments)
        {
            if (IsLive(attachment) && !seen.Contains(id))
            {
                throw Compare(HistoryRejection.WithheldChange, $"attachment {id} of entry {attachment.EntryId} is in the vault's history but was not served.");
            }
        }
    }

    /// <summary>Compares one attachment the server served (and, when <paramref name="contentHash"/> is given, its stored body) with the state.</summary>
    public void CheckAttachment(Guid attachmentId, Guid entryId, ReadOnlySpan<byte> contentHash)
    {
        if (!attachments.TryGetValue(attachmentId, out var held) || held.EntryId != entryId || !IsLive(held))
        {
            throw Compare(HistoryRejection.UnrecordedChange, $"attachment {attachmentId} of entry {entryId} is not a live attachment in the vault's history.");
        }

        if (!contentHash.IsEmpty && !contentHash.SequenceEqual(held.ContentHash))
        {
            throw Compare(HistoryRejection.SwappedCiphertext, $"the body of attachment {attachmentId} is not the one its author recorded.");
        }
    }

    /// <summary>Compares a member's access record (as served) with the state: same permission and access hash.</summary>
    public void CheckMember(Guid userId, AccessPermission permission, ReadOnlySpan<byte> accessHash)
    {
        if (!members.TryGetValue(userId, out var held))
        {
            throw Compare(HistoryRejection.UnrecordedChange, $"member {userId} is not a member in the vault's history.");
        }

        if (held.Permission != permission || !accessHash.SequenceEqual(held.AccessHash))
        {
            throw Compare(HistoryRejection.UnrecordedChange, $"the access record of member {userId} ({permission.ToWireName()}) is not the one the history records ({held.Permission.ToWireName()}).");
        }
    }

    /// <summary>
    /// Compact binary form of the whole state (for the SDK's encrypted local cache), the same bytes for the same state;
    /// <see cref="Import"/> reads it.
    /// </summary>
    public byte[] Export()
    {
        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output);
        writer.Write(exportMagic);
        writer.Write(ExportVersion);
        writer.Write(HistoryFormat.GuidBytes(VaultId));
        WriteInt64(writer, HeadSeq);
        writer.Write(HeadHash);
        WriteInt64(writer, KeyEpoch);
        WriteCount(writer, members.Count);
        foreach (var (id, member) in members.OrderBy(m => m.Key))
        {
            writer.Write(HistoryFormat.GuidBytes(id));
            writer.Write((byte)member.Permission);
            writer.Write(member.AccessHash);
        }

        WriteCount(writer, entries.Count);
        foreach (var (id, entry) in entries.OrderBy(e => e.Key))
        {
            writer.Write(HistoryFormat.GuidBytes(id));
            WriteInt64(writer, entry.Version);
            writer.Write(entry.Deleted ? (byte)1 : (byte)0);
            writer.Write(entry.CiphertextHash);
        }

        WriteCount(writer, attachments.Count);
        foreach (var (id, attachment) in attachments.OrderBy(a => a.Key))
        {
            writer.Write(HistoryFormat.GuidBytes(id));
            writer.Write(HistoryFormat.GuidBytes(attachment.EntryId));
            writer.Write(attachment.ContentHash);
        }

        WriteCount(writer, recentHeads.Count);
        foreach (var (seq, hash) in recentHeads)
        {
            WriteInt64(writer, seq);
            writer.Write(hash);
        }

        WriteCount(writer, expectedHeads.Count);
        foreach (var (seq, prefix) in expectedHeads)
        {
            WriteInt64(writer, seq);
            writer.Write((byte)prefix.Length);
            writer.Write(prefix);
        }

        writer.Flush();
        return output.ToArray();
    }

    /// <summary>Reads <see cref="Export"/>'s bytes; <see cref="CryptoFormatException"/> when they are not exactly that.</summary>
    public static VaultHistoryState Import(ReadOnlySpan<byte> bytes)
    {
        var reader = new StateReader(bytes);
        if (!reader.Take(exportMagic.Length).SequenceEqual(exportMagic) || reader.Take(1)[0] != ExportVersion)
        {
            throw new CryptoFormatException("Not an exported vault history state (version 1).");
        }

        var state = new VaultHistoryState(reader.Guid())
        {
            HeadSeq = reader.Int64(),
            HeadHash = reader.Hash(),
            KeyEpoch = reader.Int64(),
        };
        for (var i = reader.Count(); i > 0; i--)
        {
            var id = reader.Guid();
            var permission = reader.Take(1)[0];
            if (permission is < 1 or > (byte)AccessPermission.Admin || !state.members.TryAdd(id, new HistoryMember((AccessPermission)permission, reader.Hash())))
            {
                throw new CryptoFormatException("The exported history state holds an invalid member.");
            }
        }

        for (var i = reader.Count(); i > 0; i--)
        {
            var id = reader.Guid();
            var version = reader.Int64();
            var deleted = reader.Take(1)[0];
            if (version < 1 || deleted > 1 || !state.entries.TryAdd(id, new HistoryEntry(version, deleted == 1, reader.Hash())))
            {
                throw new CryptoFormatException("The exported history state holds an invalid entry.");
            }
        }

        for (var i = reader.Count(); i > 0; i--)
        {
            var id = reader.Guid();
            if (!state.attachments.TryAdd(id, new HistoryAttachment(reader.Guid(), reader.Hash())))
            {
                throw new CryptoFormatException("The exported history state repeats an attachment.");
            }
        }

        for (var i = reader.Count(); i > 0; i--)
        {
            if (!state.recentHeads.TryAdd(reader.Int64(), reader.Hash()))
            {
                throw new CryptoFormatException("The exported history state repeats a head.");
            }
        }

        for (var i = reader.Count(); i > 0; i--)
        {
            var seq = reader.Int64();
            var length = reader.Take(1)[0];
            if (length is 0 or > HistoryFormat.HashSize || !state.expectedHeads.TryAdd(seq, reader.Take(length).ToArray()))
            {
                throw new CryptoFormatException("The exported history state holds an invalid expected head.");
            }
        }

        if (!reader.AtEnd || state.HeadSeq < 0 || state.KeyEpoch < 0 || (state.HeadSeq == 0 && (state.members.Count > 0 || state.entries.Count > 0)))
        {
            throw new CryptoFormatException("The exported history state is inconsistent or has trailing bytes.");
        }

        return state;
    }

    private static HistoryVerificationException Refuse(HistoryRecord record, string reason, string message) => new(reason, record.Seq, message);

    private static HistoryVerificationException Compare(string reason, string message) => new(reason, seq: null, message);

    private static void WriteInt64(BinaryWriter writer, long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        writer.Write(bytes);
    }

    private static void WriteCount(BinaryWriter writer, int count)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, count);
        writer.Write(bytes);
    }

    private void CheckChain(HistoryRecord record)
    {
        if (record.VaultId != VaultId)
        {
            throw Refuse(record, HistoryRejection.WrongVault, $"the record belongs to vault {record.VaultId}, not {VaultId}.");
        }

        if (IsEmpty)
        {
            if (!record.IsCheckpoint)
            {
                throw Refuse(record, HistoryRejection.MissingCheckpoint, "verification without a held state starts at a checkpoint.");
            }

            return;
        }

        if (record.Seq != HeadSeq + 1)
        {
            throw Refuse(record, HistoryRejection.BrokenChain, $"expected seq {HeadSeq + 1} after the verified head.");
        }

        if (!record.Prev.AsSpan().SequenceEqual(HeadHash))
        {
            throw Refuse(record, HistoryRejection.BrokenChain, $"prev is not the hash of record {HeadSeq}.");
        }
    }

    private void ApplyVerified(HistoryRecord record, byte[] authorKey)
    {
        try
        {
            record.VerifySignature(authorKey);
        }
        catch (SignatureInvalidException)
        {
            throw Refuse(record, HistoryRejection.BadSignature, $"the signature does not verify under the pinned key of author {record.AuthorId}.");
        }

        if (expectedHeads.TryGetValue(record.Seq, out var expected) && !History.HeadCode.Matches(record.Hash, expected))
        {
            throw Refuse(record, HistoryRejection.Fork, "the record is not the head this device was told to expect at this seq.");
        }

        if (record.IsCheckpoint)
        {
            ApplyCheckpoint(record);
        }
        else
        {
            CheckAuthorization(record);
            CheckEpochAndVersions(record);
            ApplyChanges(record);
        }

        expectedHeads.Remove(record.Seq);
        if (!IsEmpty)
        {
            recentHeads[HeadSeq] = HeadHash;
            if (recentHeads.Count > RecentHeadsKept)
            {
                recentHeads.Remove(recentHeads.Keys.First());
            }
        }

        (HeadSeq, HeadHash, KeyEpoch) = (record.Seq, record.Hash, record.KeyEpoch);
    }

    private void ApplyCheckpoint(HistoryRecord record)
    {
        if (IsEmpty)
        {
            var author = record.Changes.OfType<MemberChange>().FirstOrDefault(m => m.UserId == record.AuthorId);
            if (author?.Permission != AccessPermission.Admin)
            {
                throw Refuse(record, HistoryRejection.NotAuthorized, $"author {record.AuthorId} is not an admin in the checkpoint's own member list.");
            }

            CheckCheckpointAttachments(record);
            foreach (var change in record.Changes)
            {
                Put(change);
            }

            return;
        }

        if (Permission(record.AuthorId) != AccessPermission.Admin)
        {
            throw Refuse(record, HistoryRejection.NotAuthorized, $"author {record.AuthorId} is not an admin and cannot write a checkpoint.");
        }

        if (record.KeyEpoch != KeyEpoch)
        {
            throw Refuse(record, HistoryRejection.EpochMismatch, $"the checkpoint is at key epoch {record.KeyEpoch}, the vault at {KeyEpoch}.");
        }

        var expected = CheckpointChanges();
        if (expected.Count != record.Changes.Count || !expected.Zip(record.Changes).All(pair => SameChange(pair.First, pair.Second)))
        {
            throw Refuse(record, HistoryRejection.CheckpointMismatch, "the checkpoint does not equal the verified state (entries, versions, hashes, attachments, members).");
        }
    }

    private static void CheckCheckpointAttachments(HistoryRecord record)
    {
        var entryIds = record.Changes.OfType<EntryChange>().Select(e => e.EntryId).ToHashSet();
        if (record.Changes.OfType<AttachmentChange>().FirstOrDefault(a => !entryIds.Contains(a.EntryId)) is { } orphan)
        {
            throw Refuse(record, HistoryRejection.UnknownEntry, $"attachment {orphan.AttachmentId} names entry {orphan.EntryId}, which the checkpoint does not list.");
        }
    }

    private void CheckAuthorization(HistoryRecord record)
    {
        var permission = Permission(record.AuthorId)
            ?? throw Refuse(record, HistoryRejection.NotAuthorized, $"author {record.AuthorId} is not a member of the vault.");
        foreach (var change in record.Changes)
        {
            var allowed = change switch
            {
                EntryChange or AttachmentChange => permission is AccessPermission.Write or AccessPermission.Admin,
                MemberChange member when member.UserId == record.AuthorId && (member.Permission is null || member.Permission == permission) => true,
                _ => permission == AccessPermission.Admin,
            };
            if (!allowed)
            {
                throw Refuse(record, HistoryRejection.NotAuthorized, $"author {record.AuthorId} ({permission.ToWireName()}) may not make a {Describe(change)}.");
            }
        }
    }

    private void CheckEpochAndVersions(HistoryRecord record)
    {
        var rekey = record.Rekey;
        if (rekey is null && record.KeyEpoch != KeyEpoch)
        {
            throw Refuse(record, HistoryRejection.EpochMismatch, $"the record is at key epoch {record.KeyEpoch}, the vault at {KeyEpoch} and the record is no re-key.");
        }

        if (rekey is not null && (rekey.FromKeyEpoch != KeyEpoch || record.KeyEpoch != KeyEpoch + 1))
        {
            throw Refuse(record, HistoryRejection.EpochMismatch, $"the re-key goes from epoch {rekey.FromKeyEpoch} to {record.KeyEpoch}, the vault is at {KeyEpoch}.");
        }

        foreach (var change in record.Changes.OfType<EntryChange>())
        {
            CheckEntryChange(record, change);
        }

        var attachmentChanges = record.Changes.OfType<AttachmentChange>().ToList();
        if (attachmentChanges.Count > 0)
        {
            var liveAfter = LiveAfter(record);
            foreach (var change in attachmentChanges)
            {
                CheckAttachmentChange(record, change, liveAfter);
            }
        }

        foreach (var change in record.Changes.OfType<MemberChange>())
        {
            if (change.Permission is null && !members.ContainsKey(change.UserId))
            {
                throw Refuse(record, HistoryRejection.UnknownMember, $"removes {change.UserId}, who is not a member.");
            }
        }

        if (rekey is not null)
        {
            CheckRekeyComplete(record);
        }
    }

    private void CheckEntryChange(HistoryRecord record, EntryChange change)
    {
        if (!entries.TryGetValue(change.EntryId, out var held))
        {
            if (change.Deleted)
            {
                throw Refuse(record, HistoryRejection.UnknownEntry, $"deletes entry {change.EntryId}, which the history does not know.");
            }

            if (change.Version != 1)
            {
                throw Refuse(record, HistoryRejection.VersionGap, $"new entry {change.EntryId} must be at version 1, not {change.Version}.");
            }

            return;
        }

        if (change.Deleted && held.Deleted)
        {
            throw Refuse(record, HistoryRejection.UnknownEntry, $"deletes entry {change.EntryId}, which is deleted already.");
        }

        if (change.Version != held.Version + 1)
        {
            throw Refuse(record, HistoryRejection.VersionGap, $"entry {change.EntryId} goes from version {held.Version} to {change.Version}, not {held.Version + 1}.");
        }
    }

    private void CheckAttachmentChange(HistoryRecord record, AttachmentChange change, Func<Guid, bool> liveAfter)
    {
        if (attachments.TryGetValue(change.AttachmentId, out var held))
        {
            if (held.EntryId != change.EntryId)
            {
                throw Refuse(record, HistoryRejection.UnknownAttachment, $"attachment {change.AttachmentId} belongs to entry {held.EntryId}, not {change.EntryId}.");
            }
        }
        else if (change.Deleted)
        {
            throw Refuse(record, HistoryRejection.UnknownAttachment, $"deletes attachment {change.AttachmentId}, which the history does not know.");
        }

        if (!change.Deleted && !liveAfter(change.EntryId))
        {
            throw Refuse(record, HistoryRejection.UnknownEntry, $"attachment {change.AttachmentId} names entry {change.EntryId}, which is not live.");
        }
    }

    private void CheckRekeyComplete(HistoryRecord record)
    {
        var entryChanges = record.Changes.OfType<EntryChange>().ToDictionary(e => e.EntryId);
        foreach (var (id, entry) in entries.Where(e => !e.Value.Deleted))
        {
            if (!entryChanges.Remove(id, out var change) || change.Deleted)
            {
                throw Refuse(record, HistoryRejection.RekeyIncomplete, $"the re-key does not re-state live entry {id} at version {entry.Version + 1}.");
            }
        }

        if (entryChanges.Count > 0)
        {
            throw Refuse(record, HistoryRejection.RekeyIncomplete, $"the re-key names entry {entryChanges.Keys.First()}, which is not live.");
        }

        var attachmentChanges = record.Changes.OfType<AttachmentChange>().ToDictionary(a => a.AttachmentId);
        foreach (var (id, _) in attachments.Where(a => IsLive(a.Value)))
        {
            if (!attachmentChanges.Remove(id, out var change) || change.Deleted)
            {
                throw Refuse(record, HistoryRejection.RekeyIncomplete, $"the re-key does not re-state live attachment {id}.");
            }
        }

        if (attachmentChanges.Count > 0)
        {
            throw Refuse(record, HistoryRejection.RekeyIncomplete, $"the re-key names attachment {attachmentChanges.Keys.First()}, which is not live.");
        }

        var memberChanges = record.Changes.OfType<MemberChange>().ToDictionary(m => m.UserId);
        if (members.Keys.FirstOrDefault(id => !memberChanges.ContainsKey(id)) is var missing && missing != Guid.Empty)
        {
            throw Refuse(record, HistoryRejection.RekeyIncomplete, $"the re-key neither re-states nor removes member {missing}.");
        }

        if (memberChanges.Keys.FirstOrDefault(id => !members.ContainsKey(id)) is var added && added != Guid.Empty)
        {
            throw Refuse(record, HistoryRejection.RekeyIncomplete, $"the re-key adds member {added}; a re-key only re-states or removes members.");
        }
    }

    /// <summary>Whether an entry is live once <paramref name="record"/> applies, without walking every entry of the vault.</summary>
    private Func<Guid, bool> LiveAfter(HistoryRecord record)
    {
        var changed = new Dictionary<Guid, bool>();
        foreach (var change in record.Changes.OfType<EntryChange>())
        {
            changed[change.EntryId] = !change.Deleted;
        }

        return id => changed.TryGetValue(id, out var live) ? live : entries.TryGetValue(id, out var entry) && !entry.Deleted;
    }

    private void ApplyChanges(HistoryRecord record)
    {
        if (record.Rekey is not null)
        {
            foreach (var orphan in attachments.Where(a => !IsLive(a.Value)).Select(a => a.Key).ToList())
            {
                attachments.Remove(orphan);
            }
        }

        foreach (var change in record.Changes)
        {
            Put(change);
        }
    }

    private void Put(HistoryChange change)
    {
        switch (change)
        {
            case EntryChange entry:
                entries[entry.EntryId] = new HistoryEntry(entry.Version, entry.Deleted, entry.CiphertextHash);
                break;
            case AttachmentChange { Deleted: true } attachment:
                attachments.Remove(attachment.AttachmentId);
                break;
            case AttachmentChange attachment:
                attachments[attachment.AttachmentId] = new HistoryAttachment(attachment.EntryId, attachment.ContentHash);
                break;
            case MemberChange { Permission: null } member:
                members.Remove(member.UserId);
                break;
            case MemberChange { Permission: { } permission } member:
                members[member.UserId] = new HistoryMember(permission, member.AccessHash);
                break;
        }
    }

    private AccessPermission? Permission(Guid userId) => members.TryGetValue(userId, out var member) ? member.Permission : null;

    private static bool SameChange(HistoryChange left, HistoryChange right) =>
        HistoryFormat.EncodeChange(left).AsSpan().SequenceEqual(HistoryFormat.EncodeChange(right));

    private static string Describe(HistoryChange change) => change switch
    {
        EntryChange e => $"change to entry {e.EntryId}",
        AttachmentChange a => $"change to attachment {a.AttachmentId}",
        MemberChange m => $"change to member {m.UserId}",
        RekeyChange => "re-key",
        _ => "checkpoint",
    };

    private ref struct StateReader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> rest = bytes;

        public readonly bool AtEnd => rest.IsEmpty;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (rest.Length < count)
            {
                throw new CryptoFormatException("The exported history state is truncated.");
            }

            var taken = rest[..count];
            rest = rest[count..];
            return taken;
        }

        public Guid Guid() => WireGuid.Read(Take(WireGuid.Size));

        public byte[] Hash() => Take(HistoryFormat.HashSize).ToArray();

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(sizeof(long)));

        public int Count()
        {
            var count = BinaryPrimitives.ReadInt32BigEndian(Take(sizeof(int)));
            return count < 0 || count > rest.Length ? throw new CryptoFormatException("The exported history state has an invalid count.") : count;
        }
    }
}
