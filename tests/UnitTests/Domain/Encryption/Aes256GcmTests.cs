using System.Text;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption.Crypto;

namespace PasswordManager.UnitTests.Domain.Encryption;

public sealed class Aes256GcmTests
{
    private static readonly byte[] key = Aes256Gcm.NewKey();
    private static readonly Guid version = Guid.CreateVersion7();

    [Test]
    public void ShouldOpenWhatItSealedUnderTheSameAad()
    {
        var nonce = Aes256Gcm.NewNonce();
        var aad = EncryptionAad.ForData(TenantId.Default, "ctx", version);

        var sealedBytes = Aes256Gcm.Seal(key, nonce, "hello"u8, aad);

        Assert.That(Encoding.UTF8.GetString(Aes256Gcm.Open(key, nonce, sealedBytes, aad)!), Is.EqualTo("hello"));
        Assert.That(sealedBytes, Has.Length.EqualTo(5 + Aes256Gcm.TagSize));
    }

    [Test]
    public void ShouldNotOpenUnderAnotherTenantContextOrVersion()
    {
        var nonce = Aes256Gcm.NewNonce();
        var sealedBytes = Aes256Gcm.Seal(key, nonce, "hello"u8, EncryptionAad.ForData(TenantId.Default, "ctx", version));

        Assert.Multiple(() =>
        {
            Assert.That(Aes256Gcm.Open(key, nonce, sealedBytes, EncryptionAad.ForData(new TenantId(Guid.NewGuid()), "ctx", version)), Is.Null);
            Assert.That(Aes256Gcm.Open(key, nonce, sealedBytes, EncryptionAad.ForData(TenantId.Default, "ctx2", version)), Is.Null);
            Assert.That(Aes256Gcm.Open(key, nonce, sealedBytes, EncryptionAad.ForData(TenantId.Default, "ctx", Guid.CreateVersion7())), Is.Null);
            Assert.That(Aes256Gcm.Open(key, nonce, sealedBytes, EncryptionAad.ForKeyWrap(TenantId.Default, "ctx", version)), Is.Null);
        });
    }

    [Test]
    public void ShouldRefuseOtherKeyAndNonceSizes()
    {
        Assert.Throws<ArgumentException>(() => Aes256Gcm.Seal(new byte[16], new byte[12], "x"u8, []));
        Assert.Throws<ArgumentException>(() => Aes256Gcm.Seal(key, new byte[16], "x"u8, []));
        Assert.Throws<ArgumentException>(() => Aes256Gcm.Open(key, new byte[8], new byte[32], []));
    }

    [Test]
    public async Task ADataKeyServesConcurrentCallsWithTheSameResultsAsTheStaticCipher()
    {
        var dataKey = new DataKey(key);
        var aad = EncryptionAad.ForData(TenantId.Default, "ctx", version);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var nonce = Aes256Gcm.NewNonce();
            var plaintext = Encoding.UTF8.GetBytes($"item {i}");
            var sealedBytes = new byte[plaintext.Length + Aes256Gcm.TagSize];
            dataKey.Seal(nonce, plaintext, aad, sealedBytes);
            sealedBytes[^1] ^= (byte)(i % 2);
            return (i, Expected: Aes256Gcm.Open(key, nonce, sealedBytes, aad), Opened: dataKey.Open(nonce, sealedBytes, aad));
        })));

        Assert.Multiple(() =>
        {
            foreach (var (i, expected, opened) in results)
            {
                Assert.That(opened, Is.EqualTo(expected), $"item {i}");
                Assert.That(opened is null, Is.EqualTo(i % 2 == 1), $"item {i}: a changed tag must not open");
            }
        });
    }

    [Test]
    public void ADataKeyRefusesOtherKeyAndNonceSizes()
    {
        Assert.Throws<ArgumentException>(() => new DataKey(new byte[16]));
        Assert.Throws<ArgumentException>(() => new DataKey(key).Seal(new byte[16], "x"u8, [], new byte[17]));
        Assert.Throws<ArgumentException>(() => new DataKey(key).Open(new byte[8], new byte[32], []));
    }

    [Test]
    public void ShouldWrapAndUnwrapKeysOnlyWithTheSameKekAndAad()
    {
        var kek = Aes256Gcm.NewKey();
        var aad = EncryptionAad.ForKeyWrap(TenantId.Default, "ctx", version);

        var wrapped = KeyWrap.Wrap(kek, key, aad);

        Assert.That(wrapped, Has.Length.EqualTo(KeyWrap.WrappedLength));
        Assert.That(KeyWrap.Unwrap(kek, wrapped, aad), Is.EqualTo(key));
        Assert.That(KeyWrap.Unwrap(Aes256Gcm.NewKey(), wrapped, aad), Is.Null);
        Assert.That(KeyWrap.Unwrap(kek, wrapped.AsSpan(0, wrapped.Length - 1), aad), Is.Null);
    }
}
