using Mediator;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Application.Encryption.Operations.Decrypt;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Encryption.Operations.Rewrap;

/// <summary>Re-encrypts ciphertexts to the context's newest version; the plaintext never leaves the service.</summary>
public sealed record RewrapCommand(TenantId TenantId, string EncryptionId, IReadOnlyList<CipherInput> Items, string? MasterKey)
    : ICommand<Result<EncryptResult>>;

public sealed class RewrapCommandHandler(IKeyRing keys) : ICommandHandler<RewrapCommand, Result<EncryptResult>>
{
    public async ValueTask<Result<EncryptResult>> Handle(RewrapCommand command, CancellationToken cancellationToken)
    {
        var opened = await DecryptCommandHandler.OpenAllAsync(
            keys, command.TenantId, command.EncryptionId, command.Items, command.MasterKey, cancellationToken);
        if (opened.IsFailure) return opened.Error;

        var context = (await keys.FindAsync(command.TenantId, command.EncryptionId, cancellationToken))!;
        var latest = context.VersionForEncryption(null);
        if (latest.IsFailure) return latest.Error;
        var key = keys.Unlock(context, latest.Value, WireFormat.MasterKey(command.MasterKey));
        if (key.IsFailure) return key.Error;
        return new EncryptResult([.. opened.Value.Select(p => DataCipher.Encrypt(context, latest.Value, key.Value, p))]);
    }
}
