using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Encryption;

/// <summary>
/// An immutable copy of a context and its versions (wrapped keys only), safe to cache between requests. It
/// carries the rules that decide which version may encrypt or decrypt.
/// </summary>
public sealed record EncryptionContextSnapshot(
    Guid Id,
    TenantId TenantId,
    string EncryptionId,
    KeyProtection Protection,
    int LatestVersion,
    int MinDecryptionVersion,
    IReadOnlyList<KeyVersionSnapshot> Versions)
{
    /// <summary>The newest version, or the named one if it may still encrypt.</summary>
    public Result<KeyVersionSnapshot> VersionForEncryption(Guid? versionId)
    {
        var version = versionId is { } id ? Versions.FirstOrDefault(v => v.Id == id) : Versions.FirstOrDefault(v => v.Version == LatestVersion);
        if (version is null) return new KeyVersionNotFound();
        return Usable(version);
    }

    public Result<KeyVersionSnapshot> VersionForDecryption(Guid versionId)
    {
        var version = Versions.FirstOrDefault(v => v.Id == versionId);
        if (version is null) return new KeyVersionNotFound();
        return Usable(version);
    }

    public KeyVersionSnapshot Latest => Versions.First(v => v.Version == LatestVersion);

    private Result<KeyVersionSnapshot> Usable(KeyVersionSnapshot version) => version.State switch
    {
        KeyVersionState.Destroyed => new KeyVersionDestroyed(),
        KeyVersionState.Disabled => new KeyVersionDisabled(),
        KeyVersionState.Enabled when version.Version < MinDecryptionVersion => new KeyVersionRetired(),
        KeyVersionState.Enabled => version,
        _ => throw new InvalidOperationException($"Unknown key version state {version.State}."),
    };
}

public sealed record KeyVersionSnapshot(Guid Id, int Version, KeyVersionState State, byte[]? WrappedKey);
