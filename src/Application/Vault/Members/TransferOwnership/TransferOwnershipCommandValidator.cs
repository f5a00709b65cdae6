using FluentValidation;

namespace PasswordManager.Application.Vault.Members.TransferOwnership;

internal sealed class TransferOwnershipCommandValidator : AbstractValidator<TransferOwnershipCommand>
{
    public TransferOwnershipCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.NewOwnerId).NotEmpty();
    }
}
