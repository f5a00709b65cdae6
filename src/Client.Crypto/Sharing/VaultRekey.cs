using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Keys;

namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>
/// Re-key (used on revoke): a new random vault key at epoch + 1; every entry is decrypted under the
/// current key at its version and re-encrypted under the new key at version + 1; the new key is wrapped
/// and signed for every remaining member (include the admin itself).
/// </summary>
public static class VaultRekey
{
    public static RekeyResult Rekey(
        VaultKey currentKey, IReadOnlyList<EncryptedEntry> entries, IReadOnlyList<RekeyMember> members, AccountKeys admin)
    {
        ArgumentNullException.ThrowIfNull(currentKey);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(admin);
        if (members.Select(m => m.Bundle.UserId).Distinct().Count() != members.Count)
        {
            throw new ArgumentException("Each member may appear only once.", nameof(members));
        }

        var newKey = VaultKey.Create(currentKey.VaultId, checked(currentKey.Epoch + 1));
        try
        {
            var reencrypted = new EncryptedEntry[entries.Count];
            try
            {
                Parallel.For(0, entries.Count, i => reencrypted[i] = Reencrypt(currentKey, newKey, entries[i]));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }

            var grants = members.Select(m => newKey.WrapFor(m.Bundle, m.Permission, admin)).ToArray();
            return new RekeyResult(newKey, reencrypted, grants);
        }
        catch
        {
            newKey.Dispose();
            throw;
        }
    }

    private static EncryptedEntry Reencrypt(VaultKey currentKey, VaultKey newKey, EncryptedEntry entry)
    {
        var length = EntryCipher.GetPlaintextLength(entry.Ciphertext);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var plaintext = buffer.AsSpan(0, length);
            EntryCipher.Decrypt(currentKey, entry.EntryId, entry.Version, entry.Ciphertext, plaintext);
            var nextVersion = checked(entry.Version + 1);
            return new EncryptedEntry(entry.EntryId, nextVersion, EntryCipher.Encrypt(newKey, entry.EntryId, nextVersion, plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
