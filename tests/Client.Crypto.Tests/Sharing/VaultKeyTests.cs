using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Sharing;

public sealed class VaultKeyTests
{
    [Test]
    public void ShouldWrapForRecipientAndUnwrapAfterVerifyingTheGranter()
    {
        using var granter = TestAccounts.Create();
        using var recipient = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var ciphertext = EntryCipher.Encrypt(key, Guid.Empty, 1, "secret"u8);

        var grant = key.WrapFor(recipient.PublicBundle, AccessPermission.Write, granter);
        using var unwrapped = VaultKey.Unwrap(grant, granter.PublicBundle, recipient);

        Assert.Multiple(() =>
        {
            Assert.That(grant.WrappedKey, Has.Length.EqualTo(106));
            Assert.That(grant.Signature, Has.Length.EqualTo(64));
            Assert.That(grant.RecipientId, Is.EqualTo(recipient.UserId));
            Assert.That(grant.GranterId, Is.EqualTo(granter.UserId));
            Assert.That(unwrapped.VaultId, Is.EqualTo(key.VaultId));
            Assert.That(unwrapped.Epoch, Is.EqualTo(1));
            Assert.That(EntryCipher.Decrypt(unwrapped, Guid.Empty, 1, ciphertext), Is.EqualTo("secret"u8.ToArray()));
        });
    }

    [Test]
    public void ShouldRejectFlippedWrappedKeyBit()
    {
        using var granter = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var grant = key.WrapFor(granter.PublicBundle, AccessPermission.Admin, granter);

        for (var bit = 0; bit < grant.WrappedKey.Length * 8; bit++)
        {
            var tampered = grant with { WrappedKey = Bits.Flip(grant.WrappedKey, bit) };
            Assert.Throws<SignatureInvalidException>(() => VaultKey.Unwrap(tampered, granter.PublicBundle, granter), $"bit {bit}");
        }
    }

    [Test]
    public void ShouldRejectFlippedSignatureBit()
    {
        using var granter = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var grant = key.WrapFor(granter.PublicBundle, AccessPermission.Admin, granter);

        for (var bit = 0; bit < grant.Signature.Length * 8; bit++)
        {
            var tampered = grant with { Signature = Bits.Flip(grant.Signature, bit) };
            Assert.Throws<SignatureInvalidException>(() => VaultKey.Unwrap(tampered, granter.PublicBundle, granter), $"bit {bit}");
        }
    }

    [Test]
    public void ShouldRejectAlteredSignedFields()
    {
        using var granter = TestAccounts.Create();
        using var recipient = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 4);
        var grant = key.WrapFor(recipient.PublicBundle, AccessPermission.Read, granter);

        Assert.Multiple(() =>
        {
            Assert.Throws<SignatureInvalidException>(
                () => VaultKey.Unwrap(grant with { Permission = AccessPermission.Admin }, granter.PublicBundle, recipient));
            Assert.Throws<SignatureInvalidException>(
                () => VaultKey.Unwrap(grant with { KeyEpoch = 5 }, granter.PublicBundle, recipient));
            Assert.Throws<SignatureInvalidException>(
                () => VaultKey.Unwrap(grant with { VaultId = Guid.NewGuid() }, granter.PublicBundle, recipient));
            Assert.Throws<SignatureInvalidException>(
                () => VaultKey.Unwrap(grant with { Signature = new byte[63] }, granter.PublicBundle, recipient));
            Assert.Throws<CryptoFormatException>(
                () => VaultKey.Unwrap(grant with { WrappedKey = new byte[105] }, granter.PublicBundle, recipient));
        });
    }

    [Test]
    public void ShouldRejectKeyInjectedByTheServer()
    {
        using var granter = TestAccounts.Create();
        using var server = TestAccounts.Create();
        using var recipient = TestAccounts.Create();
        using var knownToServer = VaultKey.Create(Guid.NewGuid(), 1);

        var injected = knownToServer.WrapFor(recipient.PublicBundle, AccessPermission.Admin, server) with { GranterId = granter.UserId };

        Assert.Throws<SignatureInvalidException>(() => VaultKey.Unwrap(injected, granter.PublicBundle, recipient));
    }

    [Test]
    public void ShouldRejectRecordForAnotherRecipientOrGranter()
    {
        using var granter = TestAccounts.Create();
        using var recipient = TestAccounts.Create();
        using var other = TestAccounts.Create();
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var grant = key.WrapFor(recipient.PublicBundle, AccessPermission.Read, granter);

        Assert.Multiple(() =>
        {
            Assert.Throws<IdentityMismatchException>(() => VaultKey.Unwrap(grant, granter.PublicBundle, other));
            Assert.Throws<IdentityMismatchException>(() => VaultKey.Unwrap(grant, other.PublicBundle, recipient));
            Assert.Throws<DecryptionFailedException>(
                () => VaultKey.Unwrap(ResignedFor(grant, other.UserId, granter), granter.PublicBundle, other));
        });
    }

    [Test]
    public void ShouldMapPermissionsToTheirWireNames()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AccessPermission.Read.ToWireName(), Is.EqualTo("read"));
            Assert.That(AccessPermission.Write.ToWireName(), Is.EqualTo("write"));
            Assert.That(AccessPermission.Admin.ToWireName(), Is.EqualTo("admin"));
            Assert.That(AccessPermissionNames.Parse("write"), Is.EqualTo(AccessPermission.Write));
            Assert.Throws<CryptoFormatException>(() => AccessPermissionNames.Parse("Admin"));
            Assert.Throws<ArgumentOutOfRangeException>(() => ((AccessPermission)0).ToWireName());
        });
    }

    /// <summary>A legitimately signed record whose sealed key was made for someone else.</summary>
    private static AccessGrant ResignedFor(AccessGrant grant, Guid recipientId, AccountKeys granter)
    {
        var message = AccessSignature.CanonicalMessage(grant.VaultId, recipientId, grant.KeyEpoch, grant.Permission, grant.WrappedKey);
        return grant with { RecipientId = recipientId, Signature = Crypto.Primitives.Ed25519Signer.Sign(granter.SigningKey, message) };
    }
}
