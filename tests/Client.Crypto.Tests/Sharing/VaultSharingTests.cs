using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Sharing;

public sealed class VaultSharingTests
{
    [Test]
    public void ShouldShareAVaultWithAnotherMember()
    {
        using var owner = TestAccounts.Create();
        using var member = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var ownGrant = key.WrapFor(owner.PublicBundle, AccessPermission.Admin, owner);
        var entryId = Guid.NewGuid();
        var ciphertext = EntryCipher.Encrypt(key, entryId, 1, "shared secret"u8);

        var grant = VaultSharing.Share(
            ownGrant, owner.PublicBundle, owner, member.PublicBundle.ToArray(), member.UserId, AccessPermission.Read, member.PublicBundle.Fingerprint);
        using var memberKey = VaultKey.Unwrap(grant, owner.PublicBundle, member);

        Assert.Multiple(() =>
        {
            Assert.That(grant.Permission, Is.EqualTo(AccessPermission.Read));
            Assert.That(grant.KeyEpoch, Is.EqualTo(1));
            Assert.That(EntryCipher.Decrypt(memberKey, entryId, 1, ciphertext), Is.EqualTo("shared secret"u8.ToArray()));
        });
    }

    [Test]
    public void ShouldRefuseSubstitutedRecipientBundle()
    {
        using var owner = TestAccounts.Create();
        using var member = TestAccounts.Create();
        using var attacker = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var ownGrant = key.WrapFor(owner.PublicBundle, AccessPermission.Admin, owner);

        Assert.Multiple(() =>
        {
            Assert.Throws<IdentityMismatchException>(() => VaultSharing.Share(
                ownGrant, owner.PublicBundle, owner, attacker.PublicBundle.ToArray(), member.UserId, AccessPermission.Read));
            Assert.Throws<SignatureInvalidException>(() => VaultSharing.Share(
                ownGrant, owner.PublicBundle, owner, Bits.Flip(member.PublicBundle.ToArray(), 200), member.UserId, AccessPermission.Read));
        });
    }

    [Test]
    public void ShouldRefuseBundleThatDoesNotMatchThePinnedFingerprint()
    {
        using var owner = TestAccounts.Create();
        using var member = TestAccounts.Create();
        using var memberAfterKeyChange = Crypto.Keys.AccountKeys.Create(member.UserId);
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var ownGrant = key.WrapFor(owner.PublicBundle, AccessPermission.Admin, owner);

        Assert.Throws<IdentityMismatchException>(() => VaultSharing.Share(
            ownGrant, owner.PublicBundle, owner, memberAfterKeyChange.PublicBundle.ToArray(), member.UserId, AccessPermission.Read,
            member.PublicBundle.Fingerprint));
    }

    [Test]
    public void ShouldRefuseToShareWithoutAdminPermission()
    {
        using var owner = TestAccounts.Create();
        using var writer = TestAccounts.Create();
        using var member = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var writerGrant = key.WrapFor(writer.PublicBundle, AccessPermission.Write, owner);

        Assert.Throws<InvalidOperationException>(() => VaultSharing.Share(
            writerGrant, owner.PublicBundle, writer, member.PublicBundle.ToArray(), member.UserId, AccessPermission.Read));
    }
}
