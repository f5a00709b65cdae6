using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Encryption;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;
using PasswordManager.Infrastructure.Encryption.Persistence;

namespace PasswordManager.Infrastructure.Encryption.Fields;

internal sealed class EncryptedFieldStore(EncryptionDbContext db, IEncryptionService encryption, TimeProvider clock) : IEncryptedFieldStore
{
    public async Task<Result> PutAsync(
        TenantId tenant, EncryptedFieldRef field, string encryptionId, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(field);
        var encrypted = await encryption.EncryptAsync(tenant, encryptionId, value, cancellationToken);
        if (encrypted.IsFailure) return encrypted.Error;

        var now = clock.GetUtcNow();
        var row = await FindAsync(tenant, field, cancellationToken);
        if (row is null)
        {
            row = EncryptedField.Create(tenant, field.Module, field.Field, field.RecordKey, encryptionId, now);
            db.EncryptedFields.Add(row);
        }

        row.Store(encrypted.Value.EncryptionVersionId, encrypted.Value.CipherText, encrypted.Value.Nonce, now);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    public async Task<Result<byte[]?>> GetAsync(TenantId tenant, EncryptedFieldRef field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(field);
        var row = await FindAsync(tenant, field, cancellationToken);
        if (row is null) return Result<byte[]?>.Success(null);
        var plain = await encryption.DecryptAsync(
            tenant, new EncryptedPayload(row.EncryptionId, row.VersionId, row.CipherText, row.Nonce), cancellationToken);
        if (plain.IsFailure) return plain.Error;
        return plain.Value;
    }

    public async Task DeleteAsync(TenantId tenant, EncryptedFieldRef field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(field);
        await db.EncryptedFields
            .Where(f => f.TenantId == tenant && f.Module == field.Module && f.Field == field.Field && f.RecordKey == field.RecordKey)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private Task<EncryptedField?> FindAsync(TenantId tenant, EncryptedFieldRef field, CancellationToken cancellationToken) =>
        db.EncryptedFields.SingleOrDefaultAsync(
            f => f.TenantId == tenant && f.Module == field.Module && f.Field == field.Field && f.RecordKey == field.RecordKey, cancellationToken);
}
