namespace PasswordManager.Domain.Encryption;

/// <summary>
/// One generation of an encryption context's data key. <see cref="WrappedKey"/> is the 32-byte key sealed by
/// the master key (docs/encryption-service.md); the plain key never reaches the database. Destroying a version
/// erases the wrapped key, so its ciphertexts become undecryptable for good.
/// </summary>
public sealed class EncryptionKeyVersion
{
    private EncryptionKeyVersion() { }

    public Guid Id { get; private set; }
    public Guid ContextId { get; private set; }
    public int Version { get; private set; }
    public KeyVersionState State { get; private set; }
    public byte[]? WrappedKey { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StateChangedAt { get; private set; }

    internal static EncryptionKeyVersion Create(Guid id, Guid contextId, int version, byte[] wrappedKey, DateTimeOffset now) => new()
    {
        Id = id,
        ContextId = contextId,
        Version = version,
        State = KeyVersionState.Enabled,
        WrappedKey = wrappedKey,
        CreatedAt = now,
    };

    internal void ChangeState(KeyVersionState state, DateTimeOffset now)
    {
        State = state;
        StateChangedAt = now;
        if (state == KeyVersionState.Destroyed) WrappedKey = null;
    }
}
