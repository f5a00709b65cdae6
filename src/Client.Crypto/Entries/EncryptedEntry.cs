namespace PasswordManager.Client.Crypto.Entries;

/// <summary>An entry's ciphertext with the coordinates its AAD is rebuilt from (the vault and epoch come from the key).</summary>
/// <param name="EntryId">Client-generated entry id.</param>
/// <param name="Version">Entry version the ciphertext is bound to.</param>
/// <param name="Ciphertext">Symmetric envelope (0x01 | 0x01 | nonce | ciphertext || tag).</param>
public sealed record EncryptedEntry(Guid EntryId, long Version, byte[] Ciphertext);
