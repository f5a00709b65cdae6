using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Operations;

internal static class ContextCreation
{
    /// <summary>Creates a context with version 1, wrapped by the client master key when one is given.</summary>
    public static async Task<Result<EncryptionContext>> CreateAsync(
        IEncryptionDbContext db, IKeyRing keys, TimeProvider clock, TenantId tenant, string encryptionId, byte[]? masterKey,
        CancellationToken cancellationToken)
    {
        if (await db.Contexts.AnyAsync(c => c.TenantId == tenant && c.EncryptionId == encryptionId, cancellationToken))
            return new EncryptionContextExists();

        var protection = masterKey is null ? KeyProtection.Platform : KeyProtection.ClientMasterKey;
        var context = EncryptionContext.Create(
            tenant, encryptionId, protection, versionId => keys.NewWrappedKey(tenant, encryptionId, versionId, masterKey), clock.GetUtcNow());
        db.Contexts.Add(context);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another creation of the same encryptionId: the unique index decided.
            db.DiscardChanges();
            return new EncryptionContextExists();
        }

        keys.Invalidate(tenant, encryptionId);
        return context;
    }
}
