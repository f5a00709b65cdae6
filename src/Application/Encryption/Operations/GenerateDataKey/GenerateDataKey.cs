using System.Security.Cryptography;
using Mediator;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Operations.GenerateDataKey;

/// <summary>A fresh 32-byte data key for envelope encryption, returned plain and encrypted by the context's newest version.</summary>
public sealed record GenerateDataKeyCommand(TenantId TenantId, string EncryptionId, bool IncludePlaintext, string? MasterKey)
    : ICommand<Result<DataKeyResult>>;

/// <summary><see cref="PlaintextKey"/> is null when only the wrapped key was asked for.</summary>
public sealed record DataKeyResult(
    string? PlaintextKey, string CipherText, string EncryptionId, Guid EncryptionVersionId, string Algorithm, CipherMetadata Metadata);

public sealed class GenerateDataKeyCommandHandler(IKeyRing keys) : ICommandHandler<GenerateDataKeyCommand, Result<DataKeyResult>>
{
    public async ValueTask<Result<DataKeyResult>> Handle(GenerateDataKeyCommand command, CancellationToken cancellationToken)
    {
        var context = await keys.FindAsync(command.TenantId, command.EncryptionId, cancellationToken);
        if (context is null) return new EncryptionContextNotFound();
        var version = context.VersionForEncryption(null);
        if (version.IsFailure) return version.Error;
        var key = keys.Unlock(context, version.Value, WireFormat.MasterKey(command.MasterKey));
        if (key.IsFailure) return key.Error;

        var dataKey = RandomNumberGenerator.GetBytes(EncryptionLimits.DataKeyBytes);
        var sealedKey = DataCipher.Encrypt(context, version.Value, key.Value, dataKey);
        var plaintext = command.IncludePlaintext ? Convert.ToBase64String(dataKey) : null;
        CryptographicOperations.ZeroMemory(dataKey);
        return new DataKeyResult(plaintext, Convert.ToBase64String(sealedKey.CipherText), sealedKey.EncryptionId, sealedKey.EncryptionVersionId, sealedKey.Algorithm, sealedKey.Metadata);
    }
}
