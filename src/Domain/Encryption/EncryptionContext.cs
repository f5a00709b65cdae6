using System.Text.RegularExpressions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Encryption;

/// <summary>
/// A named key of one tenant (the contract's <c>encryptionId</c>) and its versions. Stored in table
/// <c>encryption.encryptions</c>; the spec calls the entity <c>Encryption</c>, renamed here because a type may
/// not share its name with the module namespace.
/// </summary>
public sealed partial class EncryptionContext
{
    public const int MaxEncryptionIdLength = 128;

    private readonly List<EncryptionKeyVersion> versions = [];

    private EncryptionContext() { }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public string EncryptionId { get; private set; } = null!;
    public KeyProtection Protection { get; private set; }
    public int LatestVersion { get; private set; }
    public int MinDecryptionVersion { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<EncryptionKeyVersion> Versions => versions;

    /// <summary>Letters, digits and <c>. _ - :</c>, 1–128 characters, starting with a letter or digit (safe in a URL path segment).</summary>
    public static bool IsValidEncryptionId(string? encryptionId) =>
        encryptionId is { Length: > 0 and <= MaxEncryptionIdLength } && EncryptionIdPattern().IsMatch(encryptionId);

    /// <summary>Creates the context with its first version; <paramref name="wrap"/> seals the new key for the given version id.</summary>
    public static EncryptionContext Create(
        TenantId tenant, string encryptionId, KeyProtection protection, Func<Guid, byte[]> wrap, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(wrap);
        var context = new EncryptionContext
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant,
            EncryptionId = encryptionId,
            Protection = protection,
            MinDecryptionVersion = 1,
            CreatedAt = now,
        };
        context.Rotate(wrap, now);
        return context;
    }

    public EncryptionKeyVersion Rotate(Func<Guid, byte[]> wrap, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(wrap);
        var id = Guid.CreateVersion7(now);
        var version = EncryptionKeyVersion.Create(id, Id, LatestVersion + 1, wrap(id), now);
        versions.Add(version);
        LatestVersion = version.Version;
        UpdatedAt = now;
        return version;
    }

    public Result SetMinimumDecryptionVersion(int minimum, DateTimeOffset now)
    {
        if (minimum < 1 || minimum > LatestVersion) return new InvalidMinimumDecryptionVersion();
        MinDecryptionVersion = minimum;
        UpdatedAt = now;
        return Result.Success();
    }

    public Result DisableVersion(int version, DateTimeOffset now) => Change(version, now, v =>
    {
        if (v.Version == LatestVersion) return new KeyVersionIsLatest();
        if (v.State == KeyVersionState.Destroyed) return new KeyVersionDestroyed();
        v.ChangeState(KeyVersionState.Disabled, now);
        return Result.Success();
    });

    public Result EnableVersion(int version, DateTimeOffset now) => Change(version, now, v =>
    {
        if (v.State == KeyVersionState.Destroyed) return new KeyVersionDestroyed();
        v.ChangeState(KeyVersionState.Enabled, now);
        return Result.Success();
    });

    /// <summary>
    /// The guard: only a version that is disabled, below the minimum decryption version and not the newest can be
    /// destroyed, so a single mistaken call cannot make live data undecryptable.
    /// </summary>
    public Result DestroyVersion(int version, DateTimeOffset now) => Change(version, now, v =>
    {
        if (v.Version == LatestVersion) return new KeyVersionIsLatest();
        if (v.State == KeyVersionState.Destroyed) return Result.Success();
        if (v.State != KeyVersionState.Disabled || v.Version >= MinDecryptionVersion) return new KeyVersionNotDestroyable();
        v.ChangeState(KeyVersionState.Destroyed, now);
        return Result.Success();
    });

    public EncryptionContextSnapshot ToSnapshot() => new(
        Id, TenantId, EncryptionId, Protection, LatestVersion, MinDecryptionVersion,
        [.. versions.OrderBy(v => v.Version).Select(v => new KeyVersionSnapshot(v.Id, v.Version, v.State, v.WrappedKey))]);

    private Result Change(int version, DateTimeOffset now, Func<EncryptionKeyVersion, Result> change)
    {
        var target = versions.SingleOrDefault(v => v.Version == version);
        if (target is null) return new KeyVersionNotFound();
        var result = change(target);
        if (result.IsSuccess) UpdatedAt = now;
        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EncryptionIdPattern();
}
