using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;
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
            Assert.That(statement, Is.EqualTo(KatFile.Hex("handover_v2_statement")));
            Assert.That(statement[KeyHandover.Size..], Is.EqualTo(KatFile.Hex("handover_v2_new_signature")));
            Assert.That(statement[(KeyHandover.Size - 64)..KeyHandover.Size], Is.EqualTo(KatFile.Hex("handover_v2_old_signature")));
            Assert.That(statement, Has.Length.EqualTo(KeyHandover.BackLinkedSize));
            Assert.That(statement[0], Is.EqualTo(KeyHandover.BackLinkedVersion));
        });
    }

    [Test]
    public void ShouldStillVerifyTheDocumentedVersion1Statement()
    {
        var statement = KatFile.Hex("handover_statement");

        Assert.Multiple(() =>
        {
            Assert.That(statement, Has.Length.EqualTo(KeyHandover.Size));
            Assert.That(statement[^64..], Is.EqualTo(KatFile.Hex("handover_signature")));
            Assert.That(KeyHandover.Verify(statement, PublicKeyBundle.Parse(KatFile.Hex("bundle"), UserId)).ToArray(), Is.EqualTo(KatFile.Hex("handover_new_bundle")));
        });
    }

    [Test]
    public void ShouldMoveThePinAlongTheDocumentedVersion2Statement()
    {
        var pinned = PublicKeyBundle.Parse(KatFile.Hex("bundle"), UserId);

        var next = KeyHandover.Verify(KatFile.Hex("handover_v2_statement"), pinned);

        Assert.That(next.ToArray(), Is.EqualTo(KatFile.Hex("handover_new_bundle")));
    }

    [Test]
    public void ShouldVouchForTheOldBundleFromTheNewOneThroughTheDocumentedBackLink()
    {
        var newer = PublicKeyBundle.Parse(KatFile.Hex("handover_new_bundle"), UserId);

        var older = KeyHandover.VerifyBackLink(KatFile.Hex("handover_v2_statement"), newer);

        Assert.That(older.ToArray(), Is.EqualTo(KatFile.Hex("bundle")));
    }

    [Test]
    public void ShouldNotVouchBackwardsThroughAVersion1Statement()
    {
        var newer = PublicKeyBundle.Parse(KatFile.Hex("handover_new_bundle"), UserId);

        Assert.That(() => KeyHandover.VerifyBackLink(KatFile.Hex("handover_statement"), newer), Throws.TypeOf<CryptoFormatException>());
        Assert.That(KeyHandover.Lineage(newer, [KatFile.Hex("handover_statement")]), Is.Empty);
    }

    [Test]
    public void ShouldRefuseAVersion2StatementWhoseBackLinkIsNotSignedByTheNewKey()
    {
        using var oldKeys = TestAccounts.Create();
        using var newKeys = AccountKeys.Create(oldKeys.UserId);
        using var other = AccountKeys.Create(oldKeys.UserId);
        var statement = KeyHandover.Create(oldKeys, newKeys);
        Ed25519Signer.Sign(other.SigningKey, [.. "pm/v1/key-handover-back"u8, .. statement.AsSpan(0, KeyHandover.Size)]).CopyTo(statement, KeyHandover.Size);

        Assert.Multiple(() =>
        {
            Assert.That(() => KeyHandover.VerifyBackLink(statement, newKeys.PublicBundle), Throws.TypeOf<SignatureInvalidException>());
            Assert.That(() => KeyHandover.Verify(statement, oldKeys.PublicBundle), Throws.TypeOf<SignatureInvalidException>(), "a broken back-link makes the whole statement invalid");
            Assert.That(KeyHandover.Lineage(newKeys.PublicBundle, [statement]), Is.Empty);
        });
    }

    [Test]
    public void ShouldRefuseAVersion2StatementWhoseOldSignatureIsWrongEvenWithAValidBackLink()
    {
        using var oldKeys = TestAccounts.Create();
        using var newKeys = AccountKeys.Create(oldKeys.UserId);
        using var other = AccountKeys.Create(oldKeys.UserId);
        var statement = KeyHandover.Create(oldKeys, newKeys);
        // The new key re-signs the back-link over a sigOld the old key never made.
        Ed25519Signer.Sign(other.SigningKey, [.. "pm/v1/key-handover"u8, .. statement.AsSpan(0, 1 + (2 * PublicKeyBundle.Size))]).CopyTo(statement, 1 + (2 * PublicKeyBundle.Size));
        Ed25519Signer.Sign(newKeys.SigningKey, [.. "pm/v1/key-handover-back"u8, .. statement.AsSpan(0, KeyHandover.Size)]).CopyTo(statement, KeyHandover.Size);

        Assert.Multiple(() =>
        {
            Assert.That(() => KeyHandover.VerifyBackLink(statement, newKeys.PublicBundle), Throws.TypeOf<SignatureInvalidException>());
            Assert.That(() => KeyHandover.Verify(statement, oldKeys.PublicBundle), Throws.TypeOf<SignatureInvalidException>());
        });
    }

    [Test]
    public void ShouldRefuseABackLinkToAnotherBundleThanTheTrustedOne()
    {
        using var oldKeys = TestAccounts.Create();
        using var newKeys = AccountKeys.Create(oldKeys.UserId);
        using var trusted = AccountKeys.Create(oldKeys.UserId);
        using var stranger = TestAccounts.Create();
        var statement = KeyHandover.Create(oldKeys, newKeys);

        Assert.Multiple(() =>
        {
            Assert.That(() => KeyHandover.VerifyBackLink(statement, trusted.PublicBundle), Throws.TypeOf<IdentityMismatchException>());
            Assert.That(() => KeyHandover.VerifyBackLink(statement, stranger.PublicBundle), Throws.InstanceOf<CryptoException>(), "another account's bundle");
            Assert.That(() => KeyHandover.VerifyBackLink(statement, oldKeys.PublicBundle), Throws.TypeOf<IdentityMismatchException>(), "backwards from the old bundle");
        });
    }

    [Test]
    public void ShouldRefuseAVersion2StatementWhoseBundlesNameDifferentUsers()
    {
        using var oldKeys = TestAccounts.Create();
        using var newKeys = AccountKeys.Create(oldKeys.UserId);
        using var stranger = TestAccounts.Create();
        var statement = KeyHandover.Create(oldKeys, newKeys);
        stranger.PublicBundle.ToArray().CopyTo(statement, 1);

        Assert.Multiple(() =>
        {
            Assert.That(() => KeyHandover.VerifyBackLink(statement, newKeys.PublicBundle), Throws.TypeOf<IdentityMismatchException>());
            Assert.That(() => KeyHandover.Verify(statement, stranger.PublicBundle), Throws.TypeOf<IdentityMismatchException>());
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(KeyHandover.Size)]
    [TestCase(KeyHandover.BackLinkedSize - 1)]
    [TestCase(KeyHandover.BackLinkedSize + 1)]
    public void ShouldRefuseAVersion2StatementOfAnotherLength(int length)
    {
        using var oldKeys = TestAccounts.Create();
        using var newKeys = AccountKeys.Create(oldKeys.UserId);
        var statement = KeyHandover.Create(oldKeys, newKeys);
        var resized = new byte[length];
        statement.AsSpan(0, Math.Min(length, statement.Length)).CopyTo(resized);

        Assert.Multiple(() =>
        {
            Assert.That(() => KeyHandover.VerifyBackLink(resized, newKeys.PublicBundle), Throws.TypeOf<CryptoFormatException>());
            Assert.That(() => KeyHandover.Verify(resized, oldKeys.PublicBundle), Throws.TypeOf<CryptoFormatException>());
        });
    }

    [Test]
    public void ShouldRefuseAVersion1StatementWithABackLinkAppended()
    {
        var statement = KatFile.Hex("handover_v2_statement");
        statement[0] = KeyHandover.FormatVersion;

        Assert.That(() => KeyHandover.Verify(statement, PublicKeyBundle.Parse(KatFile.Hex("bundle"), UserId)), Throws.TypeOf<CryptoFormatException>());
    }

    [Test]
    public void ShouldRefuseEveryFlippedBitOfTheBackLinkedStatementBackwards()
    {
        using var oldKeys = TestAccounts.Create();
        using var newKeys = AccountKeys.Create(oldKeys.UserId);
        var statement = KeyHandover.Create(oldKeys, newKeys);

        for (var bit = 0; bit < statement.Length * 8; bit++)
        {
            var tampered = Bits.Flip(statement, bit);
            Assert.That(() => KeyHandover.VerifyBackLink(tampered, newKeys.PublicBundle), Throws.InstanceOf<CryptoException>(), $"bit {bit}");
        }
    }

    [Test]
    public void ShouldFollowTheLineageBackThroughEveryBackLinkedRotationInAnyOrder()
    {
        using var k0 = TestAccounts.Create();
        using var k1 = AccountKeys.Create(k0.UserId);
        using var k2 = AccountKeys.Create(k0.UserId);
        using var k3 = AccountKeys.Create(k0.UserId);
        byte[][] chain = [KeyHandover.Create(k0, k1), KeyHandover.Create(k1, k2), KeyHandover.Create(k2, k3)];

        var lineage = KeyHandover.Lineage(k3.PublicBundle, [chain[1], chain[2], chain[0]]);

        Assert.Multiple(() =>
        {
            Assert.That(lineage.Select(b => b.Fingerprint), Is.EqualTo(new[] { k2, k1, k0 }.Select(k => k.PublicBundle.Fingerprint)));
            Assert.That(KeyHandover.Lineage(k1.PublicBundle, chain).Select(b => b.Fingerprint), Is.EqualTo(new[] { k0.PublicBundle.Fingerprint }));
            Assert.That(KeyHandover.Lineage(k0.PublicBundle, chain), Is.Empty);
            Assert.That(KeyHandover.Lineage(k3.PublicBundle, null), Is.Empty);
        });
    }

    [Test]
    public void ShouldStopTheLineageAtAVersion1Rotation()
    {
        using var k0 = TestAccounts.Create();
        using var k1 = AccountKeys.Create(k0.UserId);
        using var k2 = AccountKeys.Create(k0.UserId);
        var v1 = KeyHandover.Create(k0, k1)[..KeyHandover.Size];
        v1[0] = KeyHandover.FormatVersion;
        Ed25519Signer.Sign(k0.SigningKey, [.. "pm/v1/key-handover"u8, .. v1.AsSpan(0, KeyHandover.Size - 64)]).CopyTo(v1, KeyHandover.Size - 64);
        Assert.That(KeyHandover.Verify(v1, k0.PublicBundle).Matches(k1.PublicBundle), Is.True, "a valid version-1 statement");

        var lineage = KeyHandover.Lineage(k2.PublicBundle, [v1, KeyHandover.Create(k1, k2)]);

        Assert.That(lineage.Select(b => b.Fingerprint), Is.EqualTo(new[] { k1.PublicBundle.Fingerprint }));
    }

    [Test]
    public void ShouldNotAddAKeyTheServerInventedToTheLineage()
    {
        using var current = TestAccounts.Create();
        using var invented = AccountKeys.Create(current.UserId);
        using var inventedNext = AccountKeys.Create(current.UserId);

        // A version-1 statement from the invented key to the current bundle, signed by the invented key.
        var v1 = new byte[KeyHandover.Size];
        v1[0] = KeyHandover.FormatVersion;
        invented.PublicBundle.ToArray().CopyTo(v1, 1);
        current.PublicBundle.ToArray().CopyTo(v1, 1 + PublicKeyBundle.Size);
        Ed25519Signer.Sign(invented.SigningKey, [.. "pm/v1/key-handover"u8, .. v1.AsSpan(0, KeyHandover.Size - 64)]).CopyTo(v1, KeyHandover.Size - 64);
        // A version-2 statement whose back-link the invented keys signed, with the current bundle put in as the new one.
        var v2 = KeyHandover.Create(invented, inventedNext);
        current.PublicBundle.ToArray().CopyTo(v2, 1 + PublicKeyBundle.Size);

        Assert.Multiple(() =>
        {
            Assert.That(KeyHandover.Verify(v1, invented.PublicBundle).Matches(current.PublicBundle), Is.True, "forward, the forged statement is well signed");
            Assert.That(KeyHandover.Lineage(current.PublicBundle, [v1, v2]), Is.Empty);
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
