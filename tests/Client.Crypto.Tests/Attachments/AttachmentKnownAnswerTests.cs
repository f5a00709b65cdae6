using System.Security.Cryptography;
using System.Text;
using PasswordManager.Client.Crypto.Attachments;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Attachments;

/// <summary>The attachment vectors of docs/crypto-format.md §13.10, read from the document itself.</summary>
public sealed class AttachmentKnownAnswerTests
{
    private static readonly AttachmentMetadata metadata = new("report.txt", "text/plain");

    private static Guid AttachmentId => KatFile.Guid("attachment_id");

    private static Guid EntryId => KatFile.Guid("entry_id");

    [Test]
    public void ShouldEncryptTheSmallVector()
    {
        using var key = VaultKey.Import(KatFile.Guid("vault_id"), 1, KatFile.Hex("dek"));

        var ciphertext = Encrypt(key, KatFile.Hex("attachment_plaintext"));
        var header = KatFile.Hex("attachment_header");

        Assert.Multiple(() =>
        {
            Assert.That(ciphertext, Is.EqualTo(KatFile.Hex("attachment_ciphertext")));
            Assert.That(ciphertext[..header.Length], Is.EqualTo(header));
            Assert.That(header[18..92], Is.EqualTo(KatFile.Hex("attachment_sealed_file_key")));
            Assert.That(metadata.ToPaddedUtf8(), Is.EqualTo(KatFile.Hex("attachment_metadata_plaintext")));
            Assert.That(
                AssociatedData.AttachmentKey(key.VaultId, EntryId, AttachmentId, 1), Is.EqualTo(KatFile.Hex("attachment_key_aad")));
            Assert.That(
                AssociatedData.AttachmentMetadata(key.VaultId, EntryId, AttachmentId), Is.EqualTo(KatFile.Hex("attachment_metadata_aad")));
            Assert.That(
                Concat(AssociatedData.AttachmentChunkPrefix(AttachmentId), "0|1"u8.ToArray()), Is.EqualTo(KatFile.Hex("attachment_chunk0_aad")));
            Assert.That(
                Concat(KatFile.Hex("attachment_nonce_prefix"), new byte[8]), Is.EqualTo(KatFile.Hex("attachment_chunk0_nonce")));
            Assert.That(Encoding.UTF8.GetString(KatFile.Hex("attachment_plaintext")), Is.EqualTo("Attachment test vector.\n"));
        });
    }

    [Test]
    public void ShouldDecryptTheSmallVector()
    {
        using var key = VaultKey.Import(KatFile.Guid("vault_id"), 1, KatFile.Hex("dek"));

        using var opened = AttachmentCipher.Open(key, EntryId, AttachmentId, new MemoryStream(KatFile.Hex("attachment_ciphertext")));
        using var output = new MemoryStream();
        opened.CopyTo(output);

        Assert.Multiple(() =>
        {
            Assert.That(output.ToArray(), Is.EqualTo(KatFile.Hex("attachment_plaintext")));
            Assert.That(opened.Metadata, Is.EqualTo(metadata));
        });
    }

    [Test]
    public void ShouldEncryptTheTwoChunkVector()
    {
        using var key = VaultKey.Import(KatFile.Guid("vault_id"), 1, KatFile.Hex("dek"));
        var plaintext = AttachmentCipherTests.Pattern(KatFile.Int("attachment_large_plaintext_length"));

        var ciphertext = Encrypt(key, plaintext);

        Assert.Multiple(() =>
        {
            Assert.That(ciphertext, Has.Length.EqualTo(KatFile.Int("attachment_large_ciphertext_length")));
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(ciphertext)), Is.EqualTo(KatFile.Text("attachment_large_ciphertext_sha256")));
            Assert.That(ciphertext[^21..], Is.EqualTo(KatFile.Hex("attachment_large_chunk1")));
            Assert.That(
                Concat(AssociatedData.AttachmentChunkPrefix(AttachmentId), "1|1"u8.ToArray()), Is.EqualTo(KatFile.Hex("attachment_large_chunk1_aad")));
        });
    }

    private static byte[] Concat(byte[] first, byte[] second) => [.. first, .. second];

    private static byte[] Encrypt(VaultKey key, byte[] plaintext)
    {
        using var encrypting = AttachmentCipher.Encrypt(
            key, EntryId, AttachmentId, metadata, new MemoryStream(plaintext),
            KatFile.Hex("attachment_file_key"), KatFile.Hex("attachment_nonce_prefix"),
            KatFile.Hex("attachment_key_nonce"), KatFile.Hex("attachment_metadata_nonce"));
        using var output = new MemoryStream();
        encrypting.CopyTo(output);
        return output.ToArray();
    }
}
