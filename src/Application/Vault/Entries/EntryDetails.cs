using PasswordManager.Domain.Vault.Entries;

namespace PasswordManager.Application.Vault.Entries;

/// <summary>An entry's metadata with its ciphertext (null for a tombstone).</summary>
public sealed record EntryDetails(EntryState Entry, byte[]? Ciphertext);
