using System.Security.Cryptography;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>Entries on their way through a re-key: fetched at the vault's epoch only, re-encrypted as their next version.</summary>
internal static class RekeyEntries
{
    public static async Task<List<EncryptedEntry>> FetchAsync(VaultApi vaultApi, VaultKey key, IReadOnlyList<EntryState> states, IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        var entries = new List<EncryptedEntry>(states.Count);
        progress?.Report(new RekeyProgress(RekeyStage.Fetching, 0, states.Count));
        foreach (var chunk in states.Chunk(EntryOperations.FetchBatch))
        {
            var fetched = await vaultApi.FetchEntriesAsync(key.VaultId, new FetchEntriesRequest([.. chunk.Select(s => s.EntryId)]), cancellationToken);
            foreach (var item in fetched.Items.Where(i => !i.Entry.Deleted))
            {
                if (item.Entry.KeyEpoch != key.Epoch || item.Ciphertext is null)
                    throw new DecryptionFailedException($"Entry {item.Entry.EntryId} is not at the vault's key epoch {key.Epoch}; refusing to re-key it.");
                entries.Add(new EncryptedEntry(item.Entry.EntryId, item.Entry.Version, item.Ciphertext));
            }

            progress?.Report(new RekeyProgress(RekeyStage.Fetching, entries.Count, states.Count));
        }

        return entries;
    }

    public static List<RekeyEntry> Reencrypt(VaultKey key, VaultKey newKey, List<EncryptedEntry> entries)
    {
        var result = new RekeyEntry[entries.Count];
        Parallel.For(0, entries.Count, i =>
        {
            var entry = entries[i];
            var plaintext = EntryCipher.Decrypt(key, entry.EntryId, entry.Version, entry.Ciphertext);
            try
            {
                result[i] = new RekeyEntry(
                    entry.EntryId, entry.Version, EntryCipher.Encrypt(newKey, entry.EntryId, checked(entry.Version + 1), plaintext),
                    EntryOperations.NameIndexOf(newKey, plaintext));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        });
        return [.. result];
    }

    /// <summary>The name index of a re-encrypted entry under the new key, read back from its new ciphertext.</summary>
    public static string? NameIndexUnder(VaultKey newKey, EncryptedEntry entry)
    {
        var plaintext = EntryCipher.Decrypt(newKey, entry.EntryId, entry.Version, entry.Ciphertext);
        try
        {
            return EntryOperations.NameIndexOf(newKey, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
