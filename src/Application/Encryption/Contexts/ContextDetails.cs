using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Contexts;

/// <summary>A context as admins see it: versions and states, never key material.</summary>
public sealed record ContextDetails(
    string EncryptionId,
    KeyProtection Protection,
    int LatestVersion,
    Guid LatestVersionId,
    int MinDecryptionVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<VersionDetails> Versions)
{
    public static ContextDetails Of(EncryptionContext context) => new(
        context.EncryptionId,
        context.Protection,
        context.LatestVersion,
        context.Versions.Single(v => v.Version == context.LatestVersion).Id,
        context.MinDecryptionVersion,
        context.CreatedAt,
        context.UpdatedAt,
        [.. context.Versions.OrderBy(v => v.Version).Select(v => new VersionDetails(v.Id, v.Version, v.State, v.CreatedAt, v.StateChangedAt))]);
}

public sealed record VersionDetails(Guid Id, int Version, KeyVersionState State, DateTimeOffset CreatedAt, DateTimeOffset? StateChangedAt);

internal static class ContextLookup
{
    /// <summary>Another tenant's context is simply not found, so encryption ids cannot be probed.</summary>
    public static Task<EncryptionContext?> FindTrackedAsync(
        this IEncryptionDbContext db, TenantId tenant, string encryptionId, CancellationToken cancellationToken) =>
        db.Contexts.Include(c => c.Versions).SingleOrDefaultAsync(c => c.TenantId == tenant && c.EncryptionId == encryptionId, cancellationToken);
}
