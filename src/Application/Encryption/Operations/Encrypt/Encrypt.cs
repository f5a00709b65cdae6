using Mediator;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Operations.Encrypt;

/// <summary>
/// Encrypts one or more items under one context: the named version, or the newest. <see cref="MasterKey"/> is the
/// optional base64 <c>X-Master-Key</c>. A null item is an absent <c>data</c>; the caller owns (and disposes) the items.
/// </summary>
public sealed record EncryptCommand(
    TenantId TenantId, string EncryptionId, IReadOnlyList<Plaintext?> Items, Guid? EncryptionVersionId, string? MasterKey)
    : ICommand<Result<EncryptResult>>;

/// <remarks>The database is only needed to create a context: a cached context and key cost no DbContext lease.</remarks>
public sealed class EncryptCommandHandler(Lazy<IEncryptionDbContext> db, IKeyRing keys, EncryptionPolicy policy, TimeProvider clock)
    : ICommandHandler<EncryptCommand, Result<EncryptResult>>
{
    public async ValueTask<Result<EncryptResult>> Handle(EncryptCommand command, CancellationToken cancellationToken)
    {
        var masterKey = WireFormat.MasterKey(command.MasterKey);
        var context = await keys.FindAsync(command.TenantId, command.EncryptionId, cancellationToken);
        if (context is null)
        {
            if (!policy.AutoCreateContexts || command.EncryptionVersionId is not null) return new EncryptionContextNotFound();
            var created = await ContextCreation.CreateAsync(
                db.Value, keys, clock, command.TenantId, command.EncryptionId, masterKey, cancellationToken);
            context = created.IsSuccess
                ? created.Value.ToSnapshot()
                : await keys.FindAsync(command.TenantId, command.EncryptionId, cancellationToken);
            if (context is null) return created.Error;
        }

        var version = context.VersionForEncryption(command.EncryptionVersionId);
        if (version.IsFailure) return version.Error;
        var key = keys.Unlock(context, version.Value, masterKey);
        if (key.IsFailure) return key.Error;

        var items = new CipherItem[command.Items.Count];
        for (var i = 0; i < items.Length; i++)
            items[i] = DataCipher.Encrypt(context, version.Value, key.Value, command.Items[i]!.AsSpan());
        return new EncryptResult(items);
    }
}
