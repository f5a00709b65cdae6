using System.Runtime.CompilerServices;
using PasswordManager.Client.Crypto.History;

namespace PasswordManager.Client.Sdk.Vault.History;

/// <summary>
/// The SHA-256 history records name for a cached ciphertext, computed once per ciphertext array: a sync hashes each
/// ciphertext while the next page is on its way, and comparing the cache with the chain afterwards looks them up instead
/// of hashing every entry of the vault again. Cached ciphertexts are never changed in place.
/// </summary>
internal static class CiphertextHashes
{
    private static readonly ConditionalWeakTable<byte[], byte[]> Known = [];

    public static byte[] Of(byte[] ciphertext) => Known.GetValue(ciphertext, static bytes => HistoryHashes.Ciphertext(bytes));
}
