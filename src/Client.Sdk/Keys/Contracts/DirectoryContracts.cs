namespace PasswordManager.Client.Sdk.Keys.Contracts;

/// <summary>
/// A directory answer: the bundle bytes are unverified until parsed against <see cref="UserId"/>. <see cref="Handovers"/>
/// are the account's key hand-over statements, oldest first (docs/crypto-format.md §6.1), unverified as well.
/// </summary>
public sealed record PublicKeyDirectoryEntry(Guid UserId, string Username, byte[] PublicKeyBundle, IReadOnlyList<byte[]>? Handovers = null);
