using FluentValidation;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault.Vaults.CreateVault;

internal sealed class CreateVaultCommandValidator : AbstractValidator<CreateVaultCommand>
{
    public const int MaxMetadataBytes = 4096;

    public CreateVaultCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.EncryptedMetadata)
            .Must(m => EnvelopeFormat.TryDecodeBase64(m) is { } bytes && EnvelopeFormat.IsSymmetricEnvelope(bytes, 0, MaxMetadataBytes))
            .When(c => c.EncryptedMetadata is not null)
            .WithMessage($"encryptedMetadata must be a v1 encrypted envelope of at most {MaxMetadataBytes} bytes of plaintext.");
        RuleFor(c => c.WrappedKey).SealedKey();
        RuleFor(c => c.GranterSignature).Signature();
    }
}
