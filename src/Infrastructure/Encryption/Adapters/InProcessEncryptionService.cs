using Mediator;
using PasswordManager.Application.Contracts.Encryption;
using PasswordManager.Application.Encryption.Operations;
using PasswordManager.Application.Encryption.Operations.Decrypt;
using PasswordManager.Application.Encryption.Operations.Encrypt;
using PasswordManager.Application.Encryption.Operations.Rewrap;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Encryption.Adapters;

/// <summary>The default adapter: the module's own use cases, in this process.</summary>
internal sealed class InProcessEncryptionService(ISender sender) : IEncryptionService
{
    public async Task<Result<EncryptedPayload>> EncryptAsync(
        TenantId tenant, string encryptionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var plaintext = Plaintext.Copy(data.Span);
        var result = await sender.Send(new EncryptCommand(tenant, encryptionId, [plaintext], null, null), cancellationToken);
        if (result.IsFailure) return result.Error;
        return ToPayload(result.Value.Items[0]);
    }

    public async Task<Result<byte[]>> DecryptAsync(TenantId tenant, EncryptedPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var result = await sender.Send(new DecryptCommand(tenant, payload.EncryptionId, [ToInput(payload)], null), cancellationToken);
        if (result.IsFailure) return result.Error;
        return Convert.FromBase64String(result.Value.Items[0]);
    }

    public async Task<Result<IReadOnlyList<EncryptedPayload>>> RewrapAsync(
        TenantId tenant, IReadOnlyList<EncryptedPayload> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        if (payloads.Count == 0) return Result<IReadOnlyList<EncryptedPayload>>.Success([]);
        var result = await sender.Send(
            new RewrapCommand(tenant, payloads[0].EncryptionId, [.. payloads.Select(ToInput)], null), cancellationToken);
        if (result.IsFailure) return result.Error;
        return Result<IReadOnlyList<EncryptedPayload>>.Success([.. result.Value.Items.Select(ToPayload)]);
    }

    private static CipherInput ToInput(EncryptedPayload payload) =>
        new(Convert.ToBase64String(payload.CipherText), payload.EncryptionVersionId, new CipherMetadata(Convert.ToBase64String(payload.Nonce)));

    private static EncryptedPayload ToPayload(CipherItem item) => new(
        item.EncryptionId, item.EncryptionVersionId, item.CipherText, Convert.FromBase64String(item.Metadata.Nonce));
}
