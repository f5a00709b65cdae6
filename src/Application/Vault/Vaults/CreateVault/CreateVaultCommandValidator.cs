using FluentValidation;
using PasswordManager.Application.Common.Validation;

namespace PasswordManager.Application.Vault.Vaults.CreateVault;

internal sealed class CreateVaultCommandValidator : AbstractValidator<CreateVaultCommand>
{
    public CreateVaultCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.EncryptedMetadata).VaultMetadata();
        RuleFor(c => c.WrappedKey).SealedKey();
        RuleFor(c => c.GranterSignature).Signature();
    }
}
