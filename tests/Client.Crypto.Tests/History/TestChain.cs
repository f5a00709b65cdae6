using System.Security.Cryptography;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.History;

/// <summary>A vault with an admin, a writer and a reader, its verified state, and helpers that sign the next record.</summary>
internal sealed class TestChain : IDisposable
{
    private long timestamp = 1_767_225_600_000;

    public TestChain()
    {
        VaultId = Guid.NewGuid();
        State = VaultHistoryState.Empty(VaultId);
        Genesis = Next(Admin, [new CheckpointChange(), Member(Admin, AccessPermission.Admin), Member(Writer, AccessPermission.Write), Member(Reader, AccessPermission.Read)]);
        Accept(Genesis);
    }

    public Guid VaultId { get; }

    public AccountKeys Admin { get; } = TestAccounts.Create();

    public AccountKeys Writer { get; } = TestAccounts.Create();

    public AccountKeys Reader { get; } = TestAccounts.Create();

    public AccountKeys Outsider { get; } = TestAccounts.Create();

    public VaultHistoryState State { get; }

    public HistoryRecord Genesis { get; }

    public PublicKeyBundle? Pinned(Guid userId) =>
        new[] { Admin, Writer, Reader, Outsider }.FirstOrDefault(a => a.UserId == userId)?.PublicBundle;

    public static MemberChange Member(AccountKeys account, AccessPermission? permission) =>
        permission is null ? MemberChange.Removal(account.UserId) : new MemberChange(account.UserId, permission, RandomNumberGenerator.GetBytes(32));

    public static EntryChange Entry(Guid entryId, long version) => new(entryId, version, Deleted: false, RandomNumberGenerator.GetBytes(32));

    /// <summary>The next record after the held head (or after <paramref name="after"/>), at the held key epoch unless told.</summary>
    public HistoryRecord Next(AccountKeys author, IEnumerable<HistoryChange> changes, long? keyEpoch = null, HistoryRecord? after = null)
    {
        var seq = after?.Seq ?? State.HeadSeq;
        var prev = after?.Hash ?? State.HeadHash;
        timestamp += 1000;
        return HistoryRecord.Sign(VaultId, seq + 1, prev, author, keyEpoch ?? (State.IsEmpty ? 1 : State.KeyEpoch), timestamp, changes);
    }

    public void Accept(HistoryRecord record) => State.Apply(record, Pinned);

    public HistoryRecord Write(AccountKeys author, params HistoryChange[] changes)
    {
        var record = Next(author, changes);
        Accept(record);
        return record;
    }

    /// <summary>Applies the record, expects a refusal with <paramref name="reason"/>, and checks the state did not change.</summary>
    public HistoryVerificationException Refused(HistoryRecord record, string reason)
    {
        var before = State.Export();
        var refusal = Assert.Throws<HistoryVerificationException>(() => Accept(record))!;
        Assert.Multiple(() =>
        {
            Assert.That(refusal.Reason, Is.EqualTo(reason), refusal.Message);
            Assert.That(refusal.Seq, Is.EqualTo(record.Seq));
            Assert.That(refusal.Message, Does.StartWith($"History record {record.Seq}: "));
            Assert.That(State.Export(), Is.EqualTo(before), "a refused record changes nothing");
        });
        return refusal;
    }

    public void Dispose()
    {
        Admin.Dispose();
        Writer.Dispose();
        Reader.Dispose();
        Outsider.Dispose();
    }
}
