using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Sharing;

public sealed class VaultRekeyTests
{
    [Test]
    public void ShouldReencryptEveryEntryAndRegrantRemainingMembers()
    {
        using var admin = TestAccounts.Create();
        using var keeper = TestAccounts.Create();
        using var revoked = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var revokedGrant = key.WrapFor(revoked.PublicBundle, AccessPermission.Read, admin);
        var plaintexts = Enumerable.Range(0, 50).Select(i => Bits.Sequence(i, 100 + i)).ToArray();
        var entries = plaintexts.Select((plaintext, i) =>
        {
            var entryId = Guid.NewGuid();
            return new EncryptedEntry(entryId, i + 1, EntryCipher.Encrypt(key, entryId, i + 1, plaintext));
        }).ToArray();
        RekeyMember[] members = [new(admin.PublicBundle, AccessPermission.Admin), new(keeper.PublicBundle, AccessPermission.Write)];

        using var result = VaultRekey.Rekey(key, entries, members, admin);

        Assert.That(result.NewKey.Epoch, Is.EqualTo(2));
        Assert.That(result.Entries, Has.Count.EqualTo(entries.Length));
        Assert.That(result.Grants.Select(g => g.RecipientId), Is.EqualTo(new[] { admin.UserId, keeper.UserId }));
        using var keeperKey = VaultKey.Unwrap(result.Grants[1], admin.PublicBundle, keeper);
        Assert.That(result.Grants[1].Permission, Is.EqualTo(AccessPermission.Write));
        for (var i = 0; i < entries.Length; i++)
        {
            var rekeyed = result.Entries[i];
            Assert.That(rekeyed.EntryId, Is.EqualTo(entries[i].EntryId));
            Assert.That(rekeyed.Version, Is.EqualTo(entries[i].Version + 1));
            Assert.That(EntryCipher.Decrypt(keeperKey, rekeyed.EntryId, rekeyed.Version, rekeyed.Ciphertext), Is.EqualTo(plaintexts[i]));
            Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(key, rekeyed.EntryId, rekeyed.Version, rekeyed.Ciphertext));
        }

        using var oldKeyOfRevoked = VaultKey.Unwrap(revokedGrant, admin.PublicBundle, revoked);
        Assert.Throws<DecryptionFailedException>(
            () => EntryCipher.Decrypt(oldKeyOfRevoked, result.Entries[0].EntryId, result.Entries[0].Version, result.Entries[0].Ciphertext));
    }

    [Test]
    public void ShouldFailWithDecryptionFailedWhenAnEntryWasTampered()
    {
        using var admin = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var entryId = Guid.NewGuid();
        var entries = new[]
        {
            new EncryptedEntry(entryId, 1, EntryCipher.Encrypt(key, entryId, 1, "a"u8)),
            new EncryptedEntry(entryId, 2, EntryCipher.Encrypt(key, entryId, 1, "b"u8)),
        };

        Assert.Throws<DecryptionFailedException>(
            () => VaultRekey.Rekey(key, entries, [new RekeyMember(admin.PublicBundle, AccessPermission.Admin)], admin));
    }

    [Test]
    public void ShouldRejectDuplicateMembers()
    {
        using var admin = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var member = new RekeyMember(admin.PublicBundle, AccessPermission.Admin);

        Assert.Throws<ArgumentException>(() => VaultRekey.Rekey(key, [], [member, member], admin));
    }
}
