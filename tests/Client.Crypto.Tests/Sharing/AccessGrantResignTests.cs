using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Sharing;

public sealed class AccessGrantResignTests
{
    [Test]
    public void ShouldResignAPermissionChangeOverTheSameWrappedKey()
    {
        using var owner = TestAccounts.Create();
        using var admin = TestAccounts.Create();
        using var member = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 3);
        var original = key.WrapFor(member.PublicBundle, AccessPermission.Read, owner);

        var changed = original.Resign(AccessPermission.Write, admin);
        using var opened = VaultKey.Unwrap(changed, admin.PublicBundle, member);

        Assert.Multiple(() =>
        {
            Assert.That(changed.Permission, Is.EqualTo(AccessPermission.Write));
            Assert.That(changed.GranterId, Is.EqualTo(admin.UserId));
            Assert.That(changed.WrappedKey, Is.EqualTo(original.WrappedKey));
            Assert.That(opened.Epoch, Is.EqualTo(3));
            Assert.That(() => changed.Verify(owner.PublicBundle), Throws.TypeOf<IdentityMismatchException>());
            Assert.That(() => (changed with { Permission = AccessPermission.Admin }).Verify(admin.PublicBundle), Throws.TypeOf<SignatureInvalidException>());
        });
    }
}
