using System.Buffers.Binary;
using System.Text;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Keys;

/// <summary>docs/crypto-format.md §19: the local unlock's layout, rebuilt from the primitives, and every context it is bound to.</summary>
public sealed class LocalUnlockTests
{
    private const string binding = "device|http://127.0.0.1:8080/|/home/alice/.config/pm";
    private static readonly DateTimeOffset expiresAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan idle = TimeSpan.FromMinutes(15);

    [Test]
    public void ShouldSealTheDocumentedLayout()
    {
        using var account = TestAccounts.Create();
        var sessionKey = Bits.Sequence(1, 32);
        var nonce = Bits.Sequence(100, 24);
        var sealedUnlock = LocalUnlock.Seal(account, sessionKey, binding, expiresAt, idle, nonce);

        var key = new byte[32];
        Hkdf.DeriveBytes(sessionKey, [], "pm/v1/local-unlock"u8, key);
        using var aeadKey = Aead.ImportKey(key, exportable: false);
        var aad = Encoding.UTF8.GetBytes($"pm/v1/local-unlock|{account.UserId:D}|{binding}");
        var plaintext = new byte[44];
        var opened = Aead.TryDecrypt(aeadKey, sealedUnlock.AsSpan(2, 24), aad, sealedUnlock.AsSpan(26), plaintext);
        var userKey = new byte[32];
        account.ExportUserKey(userKey);

        Assert.Multiple(() =>
        {
            Assert.That(sealedUnlock, Has.Length.EqualTo(2 + 24 + 44 + 16));
            Assert.That(sealedUnlock[..2], Is.EqualTo(new byte[] { 0x01, 0x01 }));
            Assert.That(sealedUnlock.AsSpan(2, 24).ToArray(), Is.EqualTo(nonce));
            Assert.That(opened, Is.True);
            Assert.That(BinaryPrimitives.ReadInt64BigEndian(plaintext), Is.EqualTo(1_800_000_000));
            Assert.That(BinaryPrimitives.ReadInt32BigEndian(plaintext.AsSpan(8)), Is.EqualTo(900));
            Assert.That(plaintext[12..], Is.EqualTo(userKey));
        });
    }

    [Test]
    public void ShouldOpenToTheSameAccountWithItsExpiryAndIdleTime()
    {
        using var account = TestAccounts.Create();
        var sessionKey = LocalUnlock.NewSessionKey();
        var encryptedPrivateKeys = account.EncryptPrivateKeys(Bits.Sequence(0, 24));

        var opened = LocalUnlock.Open(sessionKey, LocalUnlock.Seal(account, sessionKey, binding, expiresAt, idle), account.UserId, binding, encryptedPrivateKeys);
        using var keys = opened.Keys;

        Assert.Multiple(() =>
        {
            Assert.That(keys.PublicBundle.Matches(account.PublicBundle), Is.True);
            Assert.That(opened.ExpiresAt, Is.EqualTo(expiresAt));
            Assert.That(opened.Idle, Is.EqualTo(idle));
        });
    }

    [Test]
    public void ShouldNotOpenWithAnotherSessionKeyBindingOrAccountOrAfterTampering()
    {
        using var account = TestAccounts.Create();
        var sessionKey = LocalUnlock.NewSessionKey();
        var encryptedPrivateKeys = account.EncryptPrivateKeys(Bits.Sequence(0, 24));
        var sealedUnlock = LocalUnlock.Seal(account, sessionKey, binding, expiresAt, idle);

        Assert.Multiple(() =>
        {
            Assert.That(() => LocalUnlock.Open(LocalUnlock.NewSessionKey(), sealedUnlock, account.UserId, binding, encryptedPrivateKeys), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(() => LocalUnlock.Open(sessionKey, sealedUnlock, account.UserId, binding + "x", encryptedPrivateKeys), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(() => LocalUnlock.Open(sessionKey, sealedUnlock, Guid.NewGuid(), binding, encryptedPrivateKeys), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(() => LocalUnlock.Open(sessionKey, Bits.Flip(sealedUnlock, 8 * 30), account.UserId, binding, encryptedPrivateKeys), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(() => LocalUnlock.Open(sessionKey.AsSpan(0, 16), sealedUnlock, account.UserId, binding, encryptedPrivateKeys), Throws.TypeOf<CryptoFormatException>());
        });
    }
}
