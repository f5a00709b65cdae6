using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Entries;

public sealed class EntryCipherTests
{
    private static readonly Guid testVaultId = Guid.NewGuid();
    private static readonly Guid testEntryId = Guid.NewGuid();
    private const long keyEpoch = 3;
    private const long entryVersion = 7;

    [Test]
    public void ShouldRoundTrip()
    {
        using var key = VaultKey.Create(testVaultId, keyEpoch);
        var plaintext = Bits.Sequence(0, 1024);

        var ciphertext = EntryCipher.Encrypt(key, testEntryId, entryVersion, plaintext);

        Assert.Multiple(() =>
        {
            Assert.That(ciphertext, Has.Length.EqualTo(1024 + 42));
            Assert.That(EntryCipher.GetPlaintextLength(ciphertext), Is.EqualTo(1024));
            Assert.That(EntryCipher.Decrypt(key, testEntryId, entryVersion, ciphertext), Is.EqualTo(plaintext));
        });
    }

    [Test]
    public void ShouldRejectFlippedCiphertextBit()
    {
        using var key = VaultKey.Create(testVaultId, keyEpoch);
        var ciphertext = EntryCipher.Encrypt(key, testEntryId, entryVersion, Bits.Sequence(0, 64));

        for (var bit = 0; bit < ciphertext.Length * 8; bit++)
        {
            var tampered = Bits.Flip(ciphertext, bit);
            Assert.That(
                () => EntryCipher.Decrypt(key, testEntryId, entryVersion, tampered),
                bit < 16 ? Throws.TypeOf<CryptoFormatException>() : Throws.TypeOf<DecryptionFailedException>(),
                $"bit {bit}");
        }
    }

    [Test]
    public void ShouldRejectFlippedVaultIdOrEntryIdBit()
    {
        using var key = VaultKey.Create(testVaultId, keyEpoch);
        var ciphertext = EntryCipher.Encrypt(key, testEntryId, entryVersion, Bits.Sequence(0, 64));
        var output = new byte[64];

        for (var bit = 0; bit < 128; bit++)
        {
            var vaultId = Bits.Flip(testVaultId, bit);
            var entryId = Bits.Flip(testEntryId, bit);
            Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(key.Key, vaultId, testEntryId, keyEpoch, entryVersion, ciphertext, output));
            Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(key.Key, testVaultId, entryId, keyEpoch, entryVersion, ciphertext, output));
        }
    }

    [Test]
    public void ShouldRejectFlippedEpochOrVersionBit()
    {
        using var key = VaultKey.Create(testVaultId, keyEpoch);
        var ciphertext = EntryCipher.Encrypt(key, testEntryId, entryVersion, Bits.Sequence(0, 64));
        var output = new byte[64];

        for (var bit = 0; bit < 63; bit++)
        {
            var epoch = keyEpoch ^ (1L << bit);
            var version = entryVersion ^ (1L << bit);
            Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(key.Key, testVaultId, testEntryId, epoch, entryVersion, ciphertext, output));
            Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(key.Key, testVaultId, testEntryId, keyEpoch, version, ciphertext, output));
        }
    }

    [Test]
    public void ShouldRejectRollbackToAnOlderVersion()
    {
        using var key = VaultKey.Create(testVaultId, keyEpoch);
        var older = EntryCipher.Encrypt(key, testEntryId, entryVersion - 1, "old password"u8);

        Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(key, testEntryId, entryVersion, older));
    }

    [Test]
    public void ShouldRejectCiphertextOfAnotherEntryOrAnotherVaultKey()
    {
        using var key = VaultKey.Create(testVaultId, keyEpoch);
        using var otherVault = VaultKey.Create(Guid.NewGuid(), keyEpoch);
        using var nextEpoch = VaultKey.Create(testVaultId, keyEpoch + 1);
        var ciphertext = EntryCipher.Encrypt(key, testEntryId, entryVersion, "secret"u8);

        Assert.Multiple(() =>
        {
            Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(key, Guid.NewGuid(), entryVersion, ciphertext));
            Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(otherVault, testEntryId, entryVersion, ciphertext));
            Assert.Throws<DecryptionFailedException>(() => EntryCipher.Decrypt(nextEpoch, testEntryId, entryVersion, ciphertext));
        });
    }

    [Test]
    public void ShouldRejectNegativeCounters()
    {
        using var key = VaultKey.Create(testVaultId, keyEpoch);

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => EntryCipher.Encrypt(key, testEntryId, -1, "x"u8));
            Assert.Throws<ArgumentOutOfRangeException>(() => VaultKey.Create(testVaultId, -1));
        });
    }
}
