using Mediator;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Operations.Decrypt;

public sealed record DecryptCommand(TenantId TenantId, string EncryptionId, IReadOnlyList<CipherInput> Items, string? MasterKey)
    : ICommand<Result<DecryptResult>>;

/// <summary>The plaintexts, base64, in the order of the request.</summary>
public sealed record DecryptResult(IReadOnlyList<string> Items);

public sealed class DecryptCommandHandler(IKeyRing keys) : ICommandHandler<DecryptCommand, Result<DecryptResult>>
{
    public async ValueTask<Result<DecryptResult>> Handle(DecryptCommand command, CancellationToken cancellationToken)
    {
        var opened = await OpenAllAsync(keys, command.TenantId, command.EncryptionId, command.Items, command.MasterKey, cancellationToken);
        if (opened.IsFailure) return opened.Error;
        return new DecryptResult([.. opened.Value.Select(p => Convert.ToBase64String(p))]);
    }

    /// <summary>All-or-nothing: the first item that fails fails the whole request, and no plaintext is returned.</summary>
    internal static async Task<Result<byte[][]>> OpenAllAsync(
        IKeyRing keys, TenantId tenant, string encryptionId, IReadOnlyList<CipherInput> items, string? masterKeyText,
        CancellationToken cancellationToken)
    {
        var masterKey = WireFormat.MasterKey(masterKeyText);
        var context = await keys.FindAsync(tenant, encryptionId, cancellationToken);
        if (context is null) return new EncryptionContextNotFound();

        var plaintexts = new byte[items.Count][];
        for (var i = 0; i < items.Count; i++)
        {
            var version = context.VersionForDecryption(items[i].EncryptionVersionId);
            if (version.IsFailure) return version.Error;
            var key = keys.Unlock(context, version.Value, masterKey);
            if (key.IsFailure) return key.Error;
            var plaintext = DataCipher.Decrypt(context, version.Value, key.Value, items[i]);
            if (plaintext is null) return new DecryptionFailed();
            plaintexts[i] = plaintext;
        }

        return plaintexts;
    }
}
