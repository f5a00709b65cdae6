using PasswordManager.Client.Crypto.Entries;

namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>Output of a re-key: the new vault key (epoch + 1), re-encrypted entries (version + 1) and new access records.</summary>
public sealed class RekeyResult : IDisposable
{
    internal RekeyResult(VaultKey newKey, IReadOnlyList<EncryptedEntry> entries, IReadOnlyList<AccessGrant> grants)
    {
        NewKey = newKey;
        Entries = entries;
        Grants = grants;
    }

    public VaultKey NewKey { get; }

    public IReadOnlyList<EncryptedEntry> Entries { get; }

    public IReadOnlyList<AccessGrant> Grants { get; }

    public void Dispose() => NewKey.Dispose();
}
