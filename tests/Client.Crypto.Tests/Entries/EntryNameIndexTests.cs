using System.Text;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Entries;

/// <summary>The blind name index of docs/crypto-format.md §20, against the vectors of §13.12 read from the document.</summary>
public sealed class EntryNameIndexTests
{
    private static VaultKey KatKey() => VaultKey.Import(KatFile.Guid("vault_id"), KatFile.Int("key_epoch"), KatFile.Hex("dek"));

    [Test]
    public void ShouldMatchTheDocumentedVectors()
    {
        using var key = KatKey();
        var plain = Encoding.UTF8.GetString(KatFile.Hex("name_index_name"));
        var odd = Encoding.UTF8.GetString(KatFile.Hex("name_index_odd_name"));

        var indexKey = new byte[32];
        Hkdf.DeriveBytes(KatFile.Hex("dek"), [], AssociatedData.NameIndex(key.VaultId, key.Epoch), indexKey);
        Assert.Multiple(() =>
        {
            Assert.That(AssociatedData.NameIndex(key.VaultId, key.Epoch), Is.EqualTo(KatFile.Hex("name_index_info")));
            Assert.That(indexKey, Is.EqualTo(KatFile.Hex("name_index_key")));
            Assert.That(Encoding.UTF8.GetBytes(EntryNameIndex.Normalize(plain)!), Is.EqualTo(KatFile.Hex("name_index_normalized")));
            Assert.That(EntryNameIndex.Compute(key, plain), Is.EqualTo(KatFile.Text("name_index")));
            Assert.That(Encoding.UTF8.GetBytes(EntryNameIndex.Normalize(odd)!), Is.EqualTo(KatFile.Hex("name_index_odd_normalized")));
            Assert.That(EntryNameIndex.Compute(key, odd), Is.EqualTo(KatFile.Text("name_index_odd")));
        });
    }

    [Test]
    public void ShouldGiveEqualNamesUnderTheNameMatchOfPmTheSameIndex()
    {
        using var key = KatKey();
        var github = EntryNameIndex.Compute(key, "GitHub");
        Assert.Multiple(() =>
        {
            Assert.That(EntryNameIndex.Compute(key, "github"), Is.EqualTo(github));
            Assert.That(EntryNameIndex.Compute(key, "  GITHUB\t"), Is.EqualTo(github));
            Assert.That(EntryNameIndex.Compute(key, "Git Hub"), Is.Not.EqualTo(github));
            Assert.That(EntryNameIndex.Compute(key, "Git\u00a0 \u2003Hub"), Is.EqualTo(EntryNameIndex.Compute(key, "git hub")));
            Assert.That(EntryNameIndex.Compute(key, "\u03c2\u03c3"), Is.EqualTo(EntryNameIndex.Compute(key, "\u03a3\u03a3")));
            Assert.That(EntryNameIndex.Compute(key, "\U00010428"), Is.EqualTo(EntryNameIndex.Compute(key, "\U00010400")));
            // No normalization form: a precomposed and a decomposed é are different names, as they are to pm's name match.
            Assert.That(EntryNameIndex.Compute(key, "caf\u00e9"), Is.Not.EqualTo(EntryNameIndex.Compute(key, "cafe\u0301")));
            Assert.That(github, Has.Length.EqualTo(EntryNameIndex.EncodedLength).And.Match("^[A-Za-z0-9_-]{21}[AQgw]$"));
        });
    }

    [Test]
    public void ShouldSeparateVaultsEpochsAndKeys()
    {
        using var key = KatKey();
        using var nextEpoch = VaultKey.Import(key.VaultId, key.Epoch + 1, KatFile.Hex("dek"));
        using var otherVault = VaultKey.Import(Guid.NewGuid(), key.Epoch, KatFile.Hex("dek"));
        using var otherKey = VaultKey.Create(key.VaultId, key.Epoch);
        var index = EntryNameIndex.Compute(key, "GitHub");
        Assert.Multiple(() =>
        {
            Assert.That(EntryNameIndex.Compute(nextEpoch, "GitHub"), Is.Not.EqualTo(index));
            Assert.That(EntryNameIndex.Compute(otherVault, "GitHub"), Is.Not.EqualTo(index));
            Assert.That(EntryNameIndex.Compute(otherKey, "GitHub"), Is.Not.EqualTo(index));
        });
    }

    [Test]
    public void ShouldHaveNoIndexForEmptyOrMalformedNames()
    {
        using var key = KatKey();
        Assert.Multiple(() =>
        {
            Assert.That(EntryNameIndex.Compute(key, ""), Is.Null);
            Assert.That(EntryNameIndex.Compute(key, " \t\u3000"), Is.Null);
            Assert.That(EntryNameIndex.Compute(key, "bad\ud800name"), Is.Null);
            Assert.That(EntryNameIndex.Compute(key, "bad\udc00"), Is.Null);
        });
    }
}
