using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Keys;

public sealed class KeyHandoverTests
{
    private static Guid UserId => KatFile.Guid("user_id");

    [Test]
    public void ShouldProduceTheDocumentedStatement()
    {
        using var oldKeys = AccountKeys.FromRaw(UserId, KatFile.Hex("user_key"), KatFile.Hex("x25519_private"), KatFile.Hex("ed25519_seed"));
        using var newKeys = AccountKeys.FromRaw(UserId, KatFile.Hex("user_key"), KatFile.Hex("handover_new_x25519_private"), KatFile.Hex("handover_new_ed25519_seed"));

        var statement = KeyHandover.Create(oldKeys, newKeys);

        Assert.Multiple(() =>
        {
            Assert.That(newKeys.PublicBundle.ToArray(), Is.EqualTo(KatFile.Hex("handover_new_bundle")));
            Assert.That(statement, Is.EqualTo(KatFile.Hex("handover_statement")));
            Assert.That(statement[^64..], Is.EqualTo(KatFile.Hex("handover_signature")));
            Assert.That(statement, Has.Length.EqualTo(KeyHandover.Size));
        });
    }

    [Test]
    public void ShouldMoveThePinFromTheDocumentedOldBundleToTheNewOne()
    {
        var pinned = PublicKeyBundle.Parse(KatFile.Hex("bundle"), UserId);

        var next = KeyHandover.Verify(KatFile.Hex("handover_statement"), pinned);

        Assert.That(next.ToArray(), Is.EqualTo(KatFile.Hex("handover_new_bundle")));
    }

    [Test]
    public void ShouldRefuseEveryFlippedBit()
    {
        using var oldKeys = TestAccounts.Create();
        using var newKeys = AccountKeys.Create(oldKeys.UserId);
        var statement = KeyHandover.Create(oldKeys, newKeys);

        for (var bit = 0; bit < statement.Length * 8; bit++)
        {
            var tampered = Bits.Flip(statement, bit);
            Assert.That(() => KeyHandover.Verify(tampered, oldKeys.PublicBundle), Throws.InstanceOf<CryptoException>(), $"bit {bit}");
        }
    }

    [Test]
    public void ShouldRefuseAStatementSignedByTheNewKeyInsteadOfThePinnedOne()
    {
        using var oldKeys = TestAccounts.Create();
        using var attacker = AccountKeys.Create(oldKeys.UserId);
        using var attackerNext = AccountKeys.Create(oldKeys.UserId);
        var forged = KeyHandover.Create(attacker, attackerNext);
        oldKeys.PublicBundle.ToArray().CopyTo(forged, 1);

        Assert.That(() => KeyHandover.Verify(forged, oldKeys.PublicBundle), Throws.TypeOf<SignatureInvalidException>());
    }

    [Test]
    public void ShouldRefuseAStatementFromAnotherBundleThanThePinnedOne()
    {
        using var pinnedKeys = TestAccounts.Create();
        using var otherOld = AccountKeys.Create(pinnedKeys.UserId);
        using var newKeys = AccountKeys.Create(pinnedKeys.UserId);
        var statement = KeyHandover.Create(otherOld, newKeys);

        Assert.That(() => KeyHandover.Verify(statement, pinnedKeys.PublicBundle), Throws.TypeOf<IdentityMismatchException>());
    }

    [Test]
    public void ShouldRefuseAHandOverToAnotherAccount()
    {
        using var oldKeys = TestAccounts.Create();
        using var stranger = TestAccounts.Create();

        Assert.That(() => KeyHandover.Create(oldKeys, stranger), Throws.TypeOf<IdentityMismatchException>());
    }
}
