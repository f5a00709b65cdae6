using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Entries;

namespace PasswordManager.UnitTests.Domain.Vault.Entries;

public sealed class EntryConflictTests
{
    private static readonly DateTimeOffset now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid vaultId = Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-000000000001");
    private static readonly Guid entryId = Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-000000000002");
    private static readonly UserId author = new(Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-00000000000a"));
    private static readonly StoredCiphertext ciphertext = StoredCiphertext.InRow(new byte[40]);

    [TestCase(null)]
    [TestCase(0L)]
    public void ShouldLetNewEntryBeCreatedWithoutVersion(long? replacesVersion) =>
        Assert.That(EntryConflict.Of(entryId, null, replacesVersion, deletes: false), Is.Null);

    [Test]
    public void ShouldRefuseNewEntryNamingVersion() =>
        Assert.That(EntryConflict.Of(entryId, null, 1, deletes: false), Is.EqualTo(new EntryConflict(entryId, null)));

    [Test]
    public void ShouldRefuseDeletingMissingEntry() =>
        Assert.That(EntryConflict.Of(entryId, null, null, deletes: true), Is.EqualTo(new EntryConflict(entryId, null)));

    [TestCase(false)]
    [TestCase(true)]
    public void ShouldAcceptWriteNamingCurrentVersion(bool deletes) =>
        Assert.That(EntryConflict.Of(entryId, Live(), 1, deletes), Is.Null);

    [TestCase(null, false)]
    [TestCase(2L, false)]
    [TestCase(0L, true)]
    public void ShouldRefuseWriteNamingAnotherVersion(long? replacesVersion, bool deletes)
    {
        var entry = Live();

        Assert.That(EntryConflict.Of(entryId, entry, replacesVersion, deletes), Is.EqualTo(new EntryConflict(entryId, EntryState.Of(entry))));
    }

    [Test]
    public void ShouldRefuseDeletingTombstone()
    {
        var entry = Tombstone();

        Assert.That(EntryConflict.Of(entryId, entry, entry.Version, deletes: true), Is.EqualTo(new EntryConflict(entryId, EntryState.Of(entry))));
    }

    [Test]
    public void ShouldLetTombstoneBeRestored()
    {
        var entry = Tombstone();

        Assert.That(EntryConflict.Of(entryId, entry, entry.Version, deletes: false), Is.Null);
    }

    [Test]
    public void ShouldReplaceCurrentVersionAndReturnItForHistory()
    {
        var entry = Live();

        var replaced = entry.Replace(1, 1, StoredCiphertext.InRow(new byte[41]), null, author, 2, now);

        Assert.That(replaced.IsSuccess, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(replaced.Value!.Version, Is.EqualTo(1));
            Assert.That(entry.Version, Is.EqualTo(2));
            Assert.That(entry.CiphertextSize, Is.EqualTo(41));
        });
    }

    [Test]
    public void ShouldRefuseReplacingStaleVersionAndChangeNothing()
    {
        var entry = Live();

        var replaced = entry.Replace(7, 1, StoredCiphertext.InRow(new byte[41]), null, author, 2, now);

        Assert.That(replaced.IsFailure ? replaced.Error : null, Is.InstanceOf<StaleEntryVersion>());
        Assert.Multiple(() =>
        {
            Assert.That(entry.Version, Is.EqualTo(1));
            Assert.That(entry.CiphertextSize, Is.EqualTo(40));
        });
    }

    [Test]
    public void ShouldRefuseDeletingTombstoneAndChangeNothing()
    {
        var entry = Tombstone();

        var deleted = entry.Delete(entry.Version, author, 3, now);

        Assert.That(deleted.IsFailure ? deleted.Error : null, Is.InstanceOf<StaleEntryVersion>());
        Assert.That(entry.Version, Is.EqualTo(2));
    }

    private static Entry Live() => Entry.Create(entryId, vaultId, 1, ciphertext, null, author, 1, now);

    private static Entry Tombstone()
    {
        var entry = Live();
        Assert.That(entry.Delete(1, author, 2, now).IsSuccess, Is.True);
        return entry;
    }
}
